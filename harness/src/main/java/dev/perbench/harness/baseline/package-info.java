/**
 * Built-in sanity baselines ({@code baseline:oracle}, {@code baseline:empty}, {@code
 * baseline:full-image}, {@code baseline:random-choice}): they need no model and exercise every
 * scoring path; the oracle must score perfectly on every task.
 */
package dev.perbench.harness.baseline;
