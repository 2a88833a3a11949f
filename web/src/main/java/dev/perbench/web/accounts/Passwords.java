package dev.perbench.web.accounts;

import dev.perbench.errors.InputException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashing with Argon2id (memory-hard), through Spring Security's encoder and Bouncy
 * Castle: 16-byte salt, 32-byte hash, 2 passes over 19 MiB, 1 lane (OWASP's first Argon2id
 * setting). The hash string carries its parameters, so they can be raised later without breaking
 * old ones.
 */
public final class Passwords {
  /** The shortest password accepted. */
  public static final int MIN_LENGTH = 10;

  /** The longest password accepted (a longer one only costs hashing time). */
  public static final int MAX_LENGTH = 200;

  private static final Argon2PasswordEncoder ENCODER =
      new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2); // salt, hash, lanes, KiB, passes

  /** A hash of a valid password's, computed once to spend the same time on an unknown account. */
  private static final String DUMMY = ENCODER.encode("not a password of anyone's");

  private Passwords() {}

  /**
   * The stored form of a new password.
   *
   * @throws InputException when it is too short or too long
   */
  public static String hash(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new InputException("password: at least " + MIN_LENGTH + " characters, please");
    }
    if (password.length() > MAX_LENGTH) {
      throw new InputException("password: at most " + MAX_LENGTH + " characters");
    }
    return ENCODER.encode(password);
  }

  /** Whether {@code password} matches {@code stored}; null stored spends the same time. */
  public static boolean matches(String password, String stored) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    if (stored == null) {
      ENCODER.matches(password, DUMMY);
      return false;
    }
    return ENCODER.matches(password, stored);
  }
}
