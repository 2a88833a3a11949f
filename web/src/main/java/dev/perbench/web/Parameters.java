package dev.perbench.web;

import dev.perbench.errors.InputException;
import java.util.List;

/** Checks of request parameters, each failing with an input error (HTTP 400) naming it. */
final class Parameters {
  private Parameters() {}

  /** Fails unless {@code value} is one of {@code allowed}. */
  static void oneOf(String parameter, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new InputException(
          "parameter "
              + parameter
              + ": '"
              + value
              + "' is not one of "
              + String.join(", ", allowed));
    }
  }
}
