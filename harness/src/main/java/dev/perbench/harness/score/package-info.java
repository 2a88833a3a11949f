/**
 * Scoring: (sample, prediction) pairs to per-task metrics under a named {@link
 * dev.perbench.harness.score.EvalProfile}. Scoring a prediction file and scoring a live model are
 * the same code: both feed predictions to one {@link dev.perbench.harness.score.Evaluator}.
 */
package dev.perbench.harness.score;
