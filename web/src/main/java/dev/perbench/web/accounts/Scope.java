package dev.perbench.web.accounts;

import dev.perbench.errors.InputException;

/**
 * What an API token may do. A token without a scope may do everything its user may; a token with
 * one may do only that.
 */
public enum Scope {
  /** Upload submissions and follow their status. */
  SUBMIT("submit"),
  /** Read the user's private submissions and results. */
  READ_PRIVATE("read-private");

  private final String id;

  Scope(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The scope named {@code id}, or null for null; an input error for an unknown name. */
  public static Scope of(String id) {
    if (id == null) {
      return null;
    }
    for (Scope s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new InputException("scope: '" + id + "' is not one of submit, read-private");
  }
}
