/**
 * Leaderboard entries as data ({@code submissions/}): the model card ({@link SubmissionCard}), the
 * benchmark ids an entry may report on (the catalogue plus {@link PaperBenchmarks}), the checks of
 * a whole submissions folder ({@link SubmissionValidator}, {@link MetricsCheck}) and turning a
 * finished run folder into an entry's results ({@link SubmissionImporter}). The format is
 * documented in {@code submissions/README.md}; the command line is {@code perbench submissions},
 * and the leaderboard website reads the same classes.
 */
package dev.perbench.harness.submissions;
