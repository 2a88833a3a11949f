package dev.perbench.web;

import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import java.util.Arrays;
import java.util.List;

/**
 * Which samples of an entry's result the sample browser shows ({@code
 * ?bench=&task=&sort=&page=&vs=&filter=}); a value the site does not know is an input error naming
 * the parameter (HTTP 400).
 *
 * @param bench the benchmark id (required)
 * @param task a task id, or null for the result's first task
 * @param sort {@code order} (benchmark order, the default), {@code worst} (lowest score first) or
 *     {@code best}
 * @param page 1-based, {@link #PAGE_SIZE} samples a page
 * @param vs another entry to show beside this one, or null
 * @param filter with {@code vs}: {@code a-better}, {@code b-better} (by the sample's own score),
 *     {@code a-right-b-wrong} or {@code b-right-a-wrong} ("right": a score of at least {@link
 *     #RIGHT}, i.e. IoU &ge; 0.5, a correct answer, METEOR &ge; 0.5); null for all
 */
public record SampleQuery(
    String bench, String task, String sort, int page, String vs, String filter) {
  public static final int PAGE_SIZE = 20;
  public static final double RIGHT = 0.5;
  public static final List<String> SORTS = List.of("order", "worst", "best");
  public static final List<String> FILTERS =
      List.of("a-better", "b-better", "a-right-b-wrong", "b-right-a-wrong");

  public SampleQuery {
    if (bench == null || bench.isEmpty()) {
      throw new InputException("parameter bench: required (a benchmark id, e.g. perbench-mini)");
    }
    task = blankToNull(task);
    if (task != null) {
      List<String> tasks = Arrays.stream(Task.values()).map(Task::id).toList();
      Parameters.oneOf("task", task, tasks);
    }
    sort = blankToNull(sort);
    sort = sort == null ? "order" : sort;
    Parameters.oneOf("sort", sort, SORTS);
    if (page < 1) {
      throw new InputException("parameter page: must be 1 or more, not " + page);
    }
    vs = blankToNull(vs);
    filter = blankToNull(filter);
    if (filter != null) {
      Parameters.oneOf("filter", filter, FILTERS);
      if (vs == null) {
        throw new InputException("parameter filter: needs vs (the entry to compare with)");
      }
    }
  }

  /** The query from request parameters, any of which may be null. */
  public static SampleQuery of(
      String bench, String task, String sort, String page, String vs, String filter) {
    int p = 1;
    if (page != null && !page.isEmpty()) {
      try {
        p = Integer.parseInt(page);
      } catch (NumberFormatException e) {
        throw new InputException("parameter page: not a whole number: '" + page + "'", e);
      }
    }
    return new SampleQuery(bench, task, sort, p, vs, filter);
  }

  /** The same query for another task (page 1). */
  public SampleQuery withTask(String t) {
    return new SampleQuery(bench, t, sort, 1, vs, filter);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
