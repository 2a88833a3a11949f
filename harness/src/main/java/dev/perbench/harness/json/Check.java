package dev.perbench.harness.json;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The rules a record of a file format checks in its constructor, each throwing a {@link
 * FieldException} that names the field. They state, in Java, what the published JSON Schema states;
 * the schema tests check that the two reject the same values.
 */
public final class Check {
  /** A SHA-256 in lowercase hex. */
  public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** An instant as {@link java.time.Instant#toString()} writes it, in UTC. */
  public static final Pattern INSTANT =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z");

  private Check() {}

  /** The value is there (a required field may not be null). */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new FieldException(field, "missing (required)");
    }
    return value;
  }

  /** A non-empty string. */
  public static String nonEmpty(String field, String value) {
    if (present(field, value).isEmpty()) {
      throw new FieldException(field, "must not be empty");
    }
    return value;
  }

  /** A string matching {@code pattern} whole; {@code what} describes it for the message. */
  public static String matches(String field, String value, Pattern pattern, String what) {
    if (!pattern.matcher(present(field, value)).matches()) {
      throw new FieldException(field, "\"" + value + "\" is not " + what);
    }
    return value;
  }

  /** One of {@code allowed}. */
  public static String oneOf(String field, String value, Collection<String> allowed) {
    if (!allowed.contains(present(field, value))) {
      throw new FieldException(
          field, "\"" + value + "\" is not one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A number no smaller than {@code min}, or null when {@code nullable}. */
  public static void atLeast(String field, Number value, long min, boolean nullable) {
    if (value == null) {
      if (!nullable) {
        throw new FieldException(field, "missing (required)");
      }
      return;
    }
    if (value.doubleValue() < min || Double.isNaN(value.doubleValue())) {
      throw new FieldException(field, value + " is less than " + min);
    }
  }

  /** Absent (null): a field that may not appear in this state of the record. */
  public static void absent(String field, Object value, String because) {
    if (value != null) {
      throw new FieldException(field, "not allowed " + because);
    }
  }
}
