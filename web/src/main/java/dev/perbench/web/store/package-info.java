/**
 * How a leaderboard entry is written to the database ({@link dev.perbench.web.store.EntryStore}):
 * the one place both the import of {@code submissions/} and the scoring workers of hosted
 * submissions store an entry with its results, every figure of them and their per-sample scores. It
 * depends on neither of its callers' packages.
 */
package dev.perbench.web.store;
