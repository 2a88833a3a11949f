/**
 * Every benchmark the tool knows by id ({@code perbench}, {@code perbench-mini}, {@code
 * refcoco:val}, ...), where its files are looked for, and what their published sizes are.
 */
package dev.perbench.data.catalog;
