/** The prediction file (JSON Lines, the submission format) and the JSON form of masks. */
package dev.perbench.harness.io;
