package dev.perbench.harness.submissions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.harness.json.FieldException;
import dev.perbench.harness.json.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The model card of a leaderboard entry, {@code submissions/<entry>/model.json}. The rules here are
 * the ones {@code submissions/model.schema.json} states (a test keeps the two in step):
 *
 * <ul>
 *   <li>{@code name}: non-empty string without leading or trailing spaces;
 *   <li>{@code organisation}: string or null (null when the source does not give it);
 *   <li>{@code size}: parameter count such as {@code "3B"}, {@code "0.5B"}, {@code "350M"}, or
 *       null;
 *   <li>{@code link}: an absolute http(s) URL, or null;
 *   <li>{@code kind}: one of {@link #KINDS};
 *   <li>{@code source}: non-empty citation of where the numbers come from;
 *   <li>{@code date}: ISO 8601 calendar date {@code YYYY-MM-DD} or month {@code YYYY-MM}, not in
 *       the future;
 *   <li>{@code notes}: optional string.
 * </ul>
 *
 * No other field is allowed (a misspelt field is an error, not ignored).
 */
@JsonPropertyOrder({"name", "organisation", "size", "link", "kind", "source", "date", "notes"})
public record SubmissionCard(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "organisation", required = true) String organisation,
    @JsonProperty(value = "size", required = true) String size,
    @JsonProperty(value = "link", required = true) String link,
    @JsonProperty(value = "kind", required = true) String kind,
    @JsonProperty(value = "source", required = true) String source,
    @JsonProperty(value = "date", required = true) String date,
    @JsonInclude(JsonInclude.Include.NON_NULL) String notes) {
  public static final String REPORTED = "reported";
  public static final String REPRODUCED = "reproduced";
  public static final String BASELINE = "baseline";
  public static final String SUBMITTED = "submitted";

  /** The allowed kinds, in the order the schema lists them. */
  public static final List<String> KINDS = List.of(REPORTED, REPRODUCED, BASELINE, SUBMITTED);

  /** The fields every card has (null allowed for organisation, size and link). */
  public static final List<String> REQUIRED =
      List.of("name", "organisation", "size", "link", "kind", "source", "date");

  /** The fields a card may have besides the required ones. */
  public static final List<String> OPTIONAL = List.of("notes");

  /** The pattern of {@code size}. */
  public static final String SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)?[KMBT]$";

  /** The pattern of {@code date} (then checked as a real date). */
  public static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$";

  private static final Pattern SIZE = Pattern.compile(SIZE_PATTERN);
  private static final Pattern DATE = Pattern.compile(DATE_PATTERN);

  /** Every rule of the card, each broken one reported (a person fixes them all at once). */
  public SubmissionCard {
    List<FieldException> problems = new ArrayList<>();
    if (name == null) {
      problems.add(new FieldException("name", "must be a string, not null"));
    } else if (name.isBlank() || !name.equals(name.strip())) {
      problems.add(
          new FieldException("name", "must be non-empty, without leading or trailing spaces"));
    }
    if (organisation != null && organisation.isBlank()) {
      problems.add(
          new FieldException("organisation", "empty; write null when the source does not give it"));
    }
    if (size != null && !SIZE.matcher(size).matches()) {
      problems.add(
          new FieldException(
              "size",
              "\""
                  + size
                  + "\" is not a parameter count like \"3B\", \"0.5B\" or \"350M\" (or null)"));
    }
    if (link != null && urlProblem(link) != null) {
      problems.add(new FieldException("link", "\"" + link + "\" " + urlProblem(link)));
    }
    if (kind == null) {
      problems.add(new FieldException("kind", "must be a string, not null"));
    } else if (!KINDS.contains(kind)) {
      problems.add(
          new FieldException("kind", "\"" + kind + "\" is not one of " + String.join(", ", KINDS)));
    }
    if (source == null) {
      problems.add(new FieldException("source", "must be a string, not null"));
    } else if (source.isBlank()) {
      problems.add(new FieldException("source", "empty; cite where the numbers come from"));
    }
    if (date == null) {
      problems.add(new FieldException("date", "must be a string, not null"));
    } else if (dateProblem(date) != null) {
      problems.add(new FieldException("date", "\"" + date + "\" " + dateProblem(date)));
    }
    if (!problems.isEmpty()) {
      throw new FieldProblems(problems);
    }
  }

  /** The key that makes two entries the same model: name (case-insensitive), size and kind. */
  public String identity() {
    return name.toLowerCase(Locale.ROOT) + " | " + (size == null ? "-" : size) + " | " + kind;
  }

  /**
   * Reads a card strictly, reporting to {@code problems} as {@code "field": why} every rule it
   * breaks (or, when its shape is wrong, the first unknown, missing or mistyped field).
   *
   * @return the card, or null when a problem was reported
   */
  public static SubmissionCard read(JsonNode node, Consumer<String> problems) {
    if (node == null || !node.isObject()) {
      problems.accept("must be a JSON object");
      return null;
    }
    try {
      return StrictJson.bind(node, SubmissionCard.class);
    } catch (IllegalArgumentException e) {
      if (e.getCause() != null && e.getCause().getCause() instanceof FieldProblems all) {
        all.problems().forEach(p -> problems.accept(p.getMessage()));
      } else {
        problems.accept(e.getMessage());
      }
      return null;
    }
  }

  /** The card as {@code model.json} holds it, fields in the documented order. */
  public String text() {
    return StrictJson.pretty(this);
  }

  /** Several broken rules of one record, each naming its field. */
  static final class FieldProblems extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldException> problems;

    FieldProblems(List<FieldException> problems) {
      super(problems.get(0).getMessage() + (problems.size() > 1 ? " (and more)" : ""));
      this.problems = List.copyOf(problems);
    }

    List<FieldException> problems() {
      return problems;
    }
  }

  /** Why {@code url} is not an absolute http(s) URL with a host, or null when it is one. */
  public static String urlProblem(String url) {
    if (url.isBlank()
        || !url.equals(url.strip())
        || url.chars().anyMatch(Character::isWhitespace)) {
      return "is not a URL (blank or contains spaces)";
    }
    try {
      URI u = new URI(url);
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        return "is not an http(s) URL";
      }
      if (u.getHost() == null || u.getHost().isBlank()) {
        return "has no host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
  }

  /** Why {@code date} is not an ISO date (YYYY-MM-DD or YYYY-MM) up to today, or null. */
  public static String dateProblem(String date) {
    if (!DATE.matcher(date).matches()) {
      return "is not an ISO 8601 date (YYYY-MM-DD, or YYYY-MM when the day is not known)";
    }
    LocalDate first;
    try {
      first = date.length() == 7 ? YearMonth.parse(date).atDay(1) : LocalDate.parse(date);
    } catch (DateTimeException e) {
      return "is not a real date";
    }
    if (first.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
      return "is in the future";
    }
    return null;
  }
}
