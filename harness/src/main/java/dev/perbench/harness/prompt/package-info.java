/** The authors' prompt templates, versioned and hashed into every run's manifest. */
package dev.perbench.harness.prompt;
