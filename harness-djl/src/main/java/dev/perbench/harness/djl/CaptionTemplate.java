package dev.perbench.harness.djl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@code djl:} model describes a region: a sentence template whose {@code {name}}
 * placeholders are filled with one value per field. The model's caption output holds, field after
 * field, one logit per value; the arg-max of each field's slice picks its value. A small model
 * cannot generate free text, but it can pick attributes; a plain list of sentences is the one-field
 * case ({@code "{sentence}"}).
 *
 * @param template e.g. {@code "A {size} {colour} {shape}."}
 * @param fields in the order of their logits
 */
public record CaptionTemplate(String template, List<Field> fields) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)\\}");

  /** One attribute and the values it can take. */
  public record Field(String name, List<String> values) {
    public Field {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("caption field '" + name + "' has no values");
      }
    }
  }

  /**
   * @throws IllegalArgumentException for a placeholder that names no field, or a repeated field
   */
  public CaptionTemplate {
    fields = List.copyOf(fields);
    Set<String> names = new HashSet<>();
    for (Field f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("caption field '" + f.name() + "' is given twice");
      }
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!names.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "caption template placeholder {" + m.group(1) + "} names no field; fields: " + names);
      }
    }
  }

  /** The number of caption logits: all fields' values together. */
  public int size() {
    return fields.stream().mapToInt(f -> f.values().size()).sum();
  }

  /** The sentence for one sample's caption logits ({@link #size()} of them). */
  public String fill(float[] logits) {
    if (logits.length != size()) {
      throw new IllegalArgumentException(
          "expected " + size() + " caption logits, got " + logits.length);
    }
    String text = template;
    int at = 0;
    for (Field f : fields) {
      int n = f.values().size();
      String value = f.values().get(ArgMax.of(logits, at, n));
      text = text.replace("{" + f.name() + "}", value);
      at += n;
    }
    return text;
  }
}
