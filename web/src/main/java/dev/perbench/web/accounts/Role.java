package dev.perbench.web.accounts;

import dev.perbench.errors.InputException;
import java.util.Arrays;
import java.util.Locale;

/** What a user may do: submit and manage their own submissions, or also moderate. */
public enum Role {
  PARTICIPANT,
  ADMIN;

  /** The role's name in the database, on the command line and in the API. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code id}; an input error naming the known roles otherwise. */
  public static Role of(String id) {
    return Arrays.stream(values())
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> new InputException("role: '" + id + "' is not one of participant, admin"));
  }
}
