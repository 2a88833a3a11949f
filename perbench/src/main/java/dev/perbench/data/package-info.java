/** Benchmark definitions and loaders for the official file formats. */
package dev.perbench.data;
