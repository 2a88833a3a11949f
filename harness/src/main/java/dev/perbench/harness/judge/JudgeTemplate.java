package dev.perbench.harness.judge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge protocol's prompt: a resource {@code judge/<name>.v<version>.txt} with a {@code ===
 * system} and a {@code === user} part, and {@code {{placeholders}}} filled in per sample. Its
 * SHA-256 (of the file's bytes) is recorded with every score and is part of every cache key, so a
 * changed template is visible and never answered from the cache of the old one.
 */
public record JudgeTemplate(String name, int version, String system, String user, String sha256) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9_]+)}}");

  /** Loads {@code judge/<name>.v<version>.txt} from the class path. */
  public static JudgeTemplate load(String name, int version) {
    String path = "judge/" + name + ".v" + version + ".txt";
    byte[] bytes;
    try (InputStream in = JudgeTemplate.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("judge template " + path + " is not on the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read judge template " + path + ": " + e, e);
    }
    return parse(name, version, bytes);
  }

  static JudgeTemplate parse(String name, int version, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String systemMark = "=== system\n";
    String userMark = "\n=== user\n";
    int s = text.indexOf(systemMark);
    int u = text.indexOf(userMark);
    if (s != 0 || u < 0) {
      throw new IllegalStateException(
          "judge template "
              + name
              + ".v"
              + version
              + " must start with '=== system' and have"
              + " a '=== user' line");
    }
    return new JudgeTemplate(
        name,
        version,
        text.substring(systemMark.length(), u),
        text.substring(u + userMark.length()).stripTrailing(),
        sha256(bytes));
  }

  /**
   * The chat for one sample: the system message, and the user message with each placeholder
   * replaced by its value.
   *
   * @throws IllegalArgumentException when a placeholder has no value
   */
  public List<ChatMessage> render(Map<String, String> values) {
    return List.of(ChatMessage.system(system), ChatMessage.user(fill(user, values)));
  }

  private String fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "judge template "
                + name
                + ".v"
                + version
                + " needs a value for {{"
                + m.group(1)
                + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** "pairwise-ref.v1". */
  public String id() {
    return name + ".v" + version;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
