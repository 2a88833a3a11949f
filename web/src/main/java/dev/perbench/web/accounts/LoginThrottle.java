package dev.perbench.web.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins counted per account and per client address over a window: past the limit, logins
 * from that address or to that account are refused until the window has passed, whether or not the
 * password is right. Kept in memory (per server process), which is what throttling needs.
 */
public final class LoginThrottle {
  /** Failures allowed per account, and per address, in one window. */
  public static final int MAX_FAILURES = 5;

  /** The window. */
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, AtomicInteger> failures;

  public LoginThrottle() {
    this(Ticker.systemTicker());
  }

  /** A throttle on another clock (tests). */
  public LoginThrottle(Ticker ticker) {
    failures =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(WINDOW)
            .maximumSize(1_000_000)
            .build();
  }

  /** Whether a login to {@code email} from {@code address} may be tried now. */
  public boolean allowed(String email, String address) {
    return count("account:" + normal(email)) < MAX_FAILURES
        && count("address:" + address) < MAX_FAILURES * 4;
  }

  /** Counts a failed login. */
  public void failed(String email, String address) {
    failures.get("account:" + normal(email), k -> new AtomicInteger()).incrementAndGet();
    failures.get("address:" + address, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Forgets the account's failures after a successful login. */
  public void succeeded(String email) {
    failures.invalidate("account:" + normal(email));
  }

  private int count(String key) {
    AtomicInteger n = failures.getIfPresent(key);
    return n == null ? 0 : n.get();
  }

  private static String normal(String email) {
    return email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
  }
}
