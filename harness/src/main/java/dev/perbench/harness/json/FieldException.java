package dev.perbench.harness.json;

/**
 * A value of a file format's record that breaks a rule of the format (thrown while the record is
 * built, so the strict reader reports it with the field's full path, as {@code "tasks.res.ciou":
 * why}).
 */
public final class FieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public FieldException(String field, String why) {
    super("\"" + field + "\": " + why);
    this.field = field;
  }

  /** The field, relative to the record that checked it. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String why() {
    String m = getMessage();
    return m.substring(field.length() + 4);
  }
}
