/** The {@code perbench} command: entry point and exit-code policy. */
package dev.perbench.app;
