package dev.perbench.web;

import dev.perbench.errors.InputException;
import dev.perbench.harness.submissions.SubmissionCard;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a leaderboard is sorted and filtered ({@code ?sort=&kind=&size=&org=}); a value the site does
 * not know is an input error naming the parameter (HTTP 400).
 *
 * @param sort {@code value} (the default: the headline value, by profile, best first), {@code
 *     name}, {@code size}, or a metric column {@code task.metric} (e.g. {@code vres.giou}: by
 *     profile, best first, ranked by that column)
 * @param kind an entry kind, or null for all
 * @param size a size bucket ({@link #SIZES}), or null for all
 * @param organisation an organisation, or null for all
 */
public record LeaderboardQuery(String sort, String kind, String size, String organisation) {
  public static final List<String> SORTS = List.of("value", "name", "size");

  /**
   * A metric column, {@code task.metric}, or an LLM judge's, {@code caption.judge:NAME} (NAME as
   * {@code JudgeSpec.name()} makes it); openapi.yaml states it too.
   */
  static final Pattern COLUMN =
      Pattern.compile("([a-z]+\\.[a-z][a-z0-9@._-]{0,39}|[a-z]+\\.judge:[A-Za-z0-9._-]{1,200})");

  public static final List<String> SIZES =
      List.of("<4B", "4-10B", "10-20B", "20-40B", ">40B", "unknown");

  public LeaderboardQuery {
    if (sort == null || sort.isEmpty()) {
      sort = "value";
    }
    if (!COLUMN.matcher(sort).matches()) {
      Parameters.oneOf("sort", sort, SORTS);
    }
    if (kind != null && !kind.isEmpty()) {
      Parameters.oneOf("kind", kind, SubmissionCard.KINDS);
    } else {
      kind = null;
    }
    if (size != null && !size.isEmpty()) {
      Parameters.oneOf("size", size, SIZES);
    } else {
      size = null;
    }
    if (organisation != null && organisation.isEmpty()) {
      organisation = null;
    }
  }

  /** The query that sorts by a task's metric ({@code ?task=&metric=}), or by {@code sort}. */
  public static LeaderboardQuery of(
      String sort, String task, String metric, String kind, String size, String organisation) {
    boolean t = task != null && !task.isEmpty();
    boolean m = metric != null && !metric.isEmpty();
    if (t != m) {
      throw new InputException(
          "parameter " + (t ? "metric" : "task") + ": required with " + (t ? "task" : "metric"));
    }
    if (t && sort != null && !sort.isEmpty() && !sort.equals(task + "." + metric)) {
      throw new InputException("parameter sort: give either sort or task and metric, not both");
    }
    return new LeaderboardQuery(t ? task + "." + metric : sort, kind, size, organisation);
  }

  /** The metric column sorted by ({@code task.metric}), or null for the headline value. */
  public String column() {
    return COLUMN.matcher(sort).matches() ? sort : null;
  }

  /** All rows, by value. */
  public static LeaderboardQuery all() {
    return new LeaderboardQuery(null, null, null, null);
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
