/** Headline scores that combine several metrics, such as the PerBench overall score. */
package dev.perbench.metrics.score;
