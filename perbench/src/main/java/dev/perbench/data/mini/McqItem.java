package dev.perbench.data.mini;

import java.util.List;

/**
 * One multiple-choice question about a prompted shape.
 *
 * @param kind what is asked
 * @param question the sentence, then one line per option ({@code A. red}), each ending in a
 *     newline, as PerBench writes them
 * @param options the option texts in letter order
 * @param answer the correct option as {@code "B. blue"}
 */
record McqItem(
    McqBuilder.Kind kind, Shape shape, String question, List<String> options, String answer) {
  McqItem {
    options = List.copyOf(options);
  }
}
