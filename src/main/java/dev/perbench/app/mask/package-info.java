/** {@code perbench mask eval}: scoring (ground truth, prediction) mask pairs from JSONL. */
package dev.perbench.app.mask;
