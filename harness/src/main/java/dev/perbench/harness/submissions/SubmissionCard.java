package dev.perbench.harness.submissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Iterator;
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
public record SubmissionCard(
    String name,
    String organisation,
    String size,
    String link,
    String kind,
    String source,
    String date,
    String notes) {
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
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The key that makes two entries the same model: name (case-insensitive), size and kind. */
  public String identity() {
    return name.toLowerCase(Locale.ROOT) + " | " + (size == null ? "-" : size) + " | " + kind;
  }

  /**
   * Reads a card, reporting every rule it breaks to {@code problems} as {@code "field": why}.
   *
   * @return the card, or null when a problem was reported
   */
  public static SubmissionCard read(JsonNode node, Consumer<String> problems) {
    if (node == null || !node.isObject()) {
      problems.accept("must be a JSON object");
      return null;
    }
    Counter c = new Counter(problems);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!REQUIRED.contains(f) && !OPTIONAL.contains(f)) {
        c.accept(
            "\""
                + f
                + "\": unknown field; allowed: "
                + String.join(", ", REQUIRED)
                + ", "
                + String.join(", ", OPTIONAL));
      }
    }
    for (String f : REQUIRED) {
      if (!node.has(f)) {
        c.accept(
            "\""
                + f
                + "\": missing (required"
                + (f.equals("organisation") || f.equals("size") || f.equals("link")
                    ? "; write null when unknown"
                    : "")
                + ")");
      }
    }
    String name = string(node, "name", false, c);
    if (name != null && (name.isBlank() || !name.equals(name.strip()))) {
      c.accept("\"name\": must be non-empty, without leading or trailing spaces");
    }
    String organisation = string(node, "organisation", true, c);
    if (organisation != null && organisation.isBlank()) {
      c.accept("\"organisation\": empty; write null when the source does not give it");
    }
    String size = string(node, "size", true, c);
    if (size != null && !SIZE.matcher(size).matches()) {
      c.accept(
          "\"size\": \""
              + size
              + "\" is not a parameter count like \"3B\", \"0.5B\" or \"350M\" (or null)");
    }
    String link = string(node, "link", true, c);
    if (link != null) {
      String why = urlProblem(link);
      if (why != null) {
        c.accept("\"link\": \"" + link + "\" " + why);
      }
    }
    String kind = string(node, "kind", false, c);
    if (kind != null && !KINDS.contains(kind)) {
      c.accept("\"kind\": \"" + kind + "\" is not one of " + String.join(", ", KINDS));
    }
    String source = string(node, "source", false, c);
    if (source != null && source.isBlank()) {
      c.accept("\"source\": empty; cite where the numbers come from");
    }
    String date = string(node, "date", false, c);
    if (date != null) {
      String why = dateProblem(date);
      if (why != null) {
        c.accept("\"date\": \"" + date + "\" " + why);
      }
    }
    String notes = node.has("notes") ? string(node, "notes", false, c) : null;
    return c.reported > 0
        ? null
        : new SubmissionCard(name, organisation, size, link, kind, source, date, notes);
  }

  /** The card as JSON, fields in the documented order. */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    o.put("organisation", organisation);
    o.put("size", size);
    o.put("link", link);
    o.put("kind", kind);
    o.put("source", source);
    o.put("date", date);
    if (notes != null) {
      o.put("notes", notes);
    }
    return o;
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

  private static String string(JsonNode node, String field, boolean nullable, Counter c) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (v.isNull()) {
      if (!nullable) {
        c.accept("\"" + field + "\": must be a string, not null");
      }
      return null;
    }
    if (!v.isTextual()) {
      c.accept(
          "\""
              + field
              + "\": must be a string"
              + (nullable ? " or null" : "")
              + ", got "
              + v.getNodeType().toString().toLowerCase(Locale.ROOT));
      return null;
    }
    return v.asText();
  }

  /** Counts what it passes on, so read() knows whether anything was wrong. */
  private static final class Counter implements Consumer<String> {
    private final Consumer<String> out;
    int reported;

    Counter(Consumer<String> out) {
      this.out = out;
    }

    @Override
    public void accept(String s) {
      reported++;
      out.accept(s);
    }
  }
}
