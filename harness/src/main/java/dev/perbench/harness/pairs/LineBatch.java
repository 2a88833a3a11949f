package dev.perbench.harness.pairs;

/**
 * Whole lines of a pairs file, cut out of it in one piece so that a worker can parse them while the
 * next piece is read. Line {@code i} is {@code data[starts[i], ends[i])}, already without its line
 * end, its trailing {@code \r} and (on line 1) a UTF-8 byte order mark, exactly as {@link
 * dev.perbench.harness.io.JsonLines} gives lines; its number in the file is {@code firstLine + i}.
 */
record LineBatch(long firstLine, byte[] data, int[] starts, int[] ends, int count) {}
