package dev.perbench.web;

import dev.perbench.errors.InputException;
import dev.perbench.harness.submissions.SubmissionCard;
import java.util.List;
import java.util.Locale;

/**
 * How a leaderboard is sorted and filtered ({@code ?sort=&kind=&size=&org=}); a value the site does
 * not know is an input error naming the parameter (HTTP 400).
 *
 * @param sort {@code value} (the default: by profile, best first), {@code name}, {@code size} or
 *     {@code date}
 * @param kind an entry kind, or null for all
 * @param size a size bucket ({@link #SIZES}), or null for all
 * @param organisation an organisation, or null for all
 */
public record LeaderboardQuery(String sort, String kind, String size, String organisation) {
  public static final List<String> SORTS = List.of("value", "name", "size");
  public static final List<String> SIZES =
      List.of("<4B", "4-10B", "10-20B", "20-40B", ">40B", "unknown");

  public LeaderboardQuery {
    if (sort == null || sort.isEmpty()) {
      sort = "value";
    }
    check("sort", sort, SORTS);
    if (kind != null && !kind.isEmpty()) {
      check("kind", kind, SubmissionCard.KINDS);
    } else {
      kind = null;
    }
    if (size != null && !size.isEmpty()) {
      check("size", size, SIZES);
    } else {
      size = null;
    }
    if (organisation != null && organisation.isEmpty()) {
      organisation = null;
    }
  }

  /** All rows, by value. */
  public static LeaderboardQuery all() {
    return new LeaderboardQuery(null, null, null, null);
  }

  private static void check(String parameter, String value, List<String> allowed) {
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

  /** The size bucket of a parameter count such as {@code 7B} or {@code 350M}. */
  public static String bucket(String size) {
    if (size == null) {
      return "unknown";
    }
    double billions = Double.parseDouble(size.substring(0, size.length() - 1));
    switch (size.toUpperCase(Locale.ROOT).charAt(size.length() - 1)) {
      case 'K' -> billions /= 1e6;
      case 'M' -> billions /= 1e3;
      case 'T' -> billions *= 1e3;
      default -> {}
    }
    return billions < 4
        ? "<4B"
        : billions < 10 ? "4-10B" : billions < 20 ? "10-20B" : billions < 40 ? "20-40B" : ">40B";
  }

  /** The parameter count in billions, for sorting; unknown sizes last. */
  static double billions(String size) {
    if (size == null) {
      return Double.MAX_VALUE;
    }
    double n = Double.parseDouble(size.substring(0, size.length() - 1));
    return switch (size.charAt(size.length() - 1)) {
      case 'K' -> n / 1e6;
      case 'M' -> n / 1e3;
      case 'T' -> n * 1e3;
      default -> n;
    };
  }
}
