/**
 * Strict JSON data binding for the harness's file formats ({@code metrics.json}, {@code
 * manifest.json}, prediction lines, model cards): one configured mapper, and messages that name the
 * field at fault.
 */
package dev.perbench.harness.json;
