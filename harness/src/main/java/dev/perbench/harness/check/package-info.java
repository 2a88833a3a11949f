/**
 * Regression checks for continuous integration ({@code perbench check}): a committed gate file
 * ({@link dev.perbench.harness.check.GateFile}) says which metrics may not drop, by how much and at
 * what confidence; {@link dev.perbench.harness.check.RegressionCheck} compares a run with a
 * baseline by a paired bootstrap over their shared samples (or, weaker, by the two results' own
 * intervals) and decides each rule; the report ({@link dev.perbench.harness.check.CheckReport},
 * {@code check.json}) is also rendered as a table, JUnit XML, GitHub annotations and Markdown.
 */
package dev.perbench.harness.check;
