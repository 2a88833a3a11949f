package dev.perbench.harness.prompt;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A task's prompt: {@code {text}} in the template is replaced by the sample's own text (the
 * expression, the question).
 *
 * @param id a stable name, e.g. {@code pixel-sail/mcq}
 * @param version bumped whenever the template text changes
 * @param source where the text comes from
 */
public record PromptTemplate(Task task, String id, int version, String template, String source) {
  /** The prompt for one sample. */
  public String render(Sample sample) {
    return template.replace("{text}", sample.text());
  }

  /** SHA-256 of the template text, recorded in manifests so a changed prompt is visible. */
  public String sha256() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(template.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
