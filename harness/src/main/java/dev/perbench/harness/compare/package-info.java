/**
 * Comparing two runs sample by sample: for each metric, the difference with a paired-bootstrap
 * interval and p-value, and how often each run beats the other. The website's compare page and its
 * API call {@link dev.perbench.harness.compare.PairedComparisons}.
 */
package dev.perbench.harness.compare;
