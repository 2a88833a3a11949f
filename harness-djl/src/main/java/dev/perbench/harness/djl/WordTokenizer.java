package dev.perbench.harness.djl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's word tokenizer: lower-case the text, then take, left to right, prompt tags ({@code
 * <prompt3>}), runs of ASCII letters and digits, and single other non-space characters; a token's
 * id is its position in the sidecar's vocabulary, unknown tokens get id 1, and the ids are cut or
 * padded (id 0) to {@code max_tokens}. Deliberately trivial, so that a training script in any
 * language reproduces it exactly (the Python form is in docs/djl-models.md).
 */
public final class WordTokenizer {
  /** Id of the padding token, {@code <pad>}. */
  public static final long PAD = 0;

  /** Id of every word outside the vocabulary, {@code <unk>}. */
  public static final long UNKNOWN = 1;

  private static final Pattern TOKEN = Pattern.compile("<prompt[0-9]+>|[a-z0-9]+|[^a-z0-9\\s]");

  private final Map<String, Long> ids = new HashMap<>();
  private final int maxTokens;

  /**
   * @param vocab position = id; positions 0 and 1 are {@code <pad>} and {@code <unk>}
   */
  public WordTokenizer(List<String> vocab, int maxTokens) {
    for (int i = vocab.size() - 1; i >= 2; i--) {
      ids.put(vocab.get(i), (long) i);
    }
    this.maxTokens = maxTokens;
  }

  /** The tokens of a text, before the vocabulary lookup. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Exactly {@code max_tokens} ids: the text's first tokens, then padding. */
  public long[] encode(String text) {
    long[] out = new long[maxTokens];
    List<String> tokens = tokens(text);
    for (int i = 0; i < Math.min(maxTokens, tokens.size()); i++) {
      out[i] = ids.getOrDefault(tokens.get(i), UNKNOWN);
    }
    return out;
  }
}
