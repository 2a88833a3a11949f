/** The harness: model adapters, the evaluation runner, scoring of predictions. */
package dev.perbench.harness;
