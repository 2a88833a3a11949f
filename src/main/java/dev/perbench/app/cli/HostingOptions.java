package dev.perbench.app.cli;

import dev.perbench.errors.InputException;
import dev.perbench.web.Hosting;
import dev.perbench.web.submit.SubmissionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options of {@code perbench serve} for a site that takes submissions: where the uploaded
 * prediction files are kept, and the limits of an upload and of a user.
 */
public final class HostingOptions {
  /** The uploads folder when {@code --uploads} names none. */
  static final String DEFAULT_UPLOADS = "~/.perbench/web/uploads";

  private static final SubmissionLimits D = SubmissionLimits.DEFAULTS;

  @Option(
      names = "--uploads",
      arity = "0..1",
      paramLabel = "DIR",
      fallbackValue = DEFAULT_UPLOADS,
      description = {
        "Take submissions (POST /api/v1/submissions), keeping the uploaded prediction files in",
        "DIR (without DIR: " + DEFAULT_UPLOADS + "). Without this option the site is read-only."
      })
  String uploads;

  @Option(
      names = "--max-upload-bytes",
      paramLabel = "SIZE",
      defaultValue = "1GiB",
      description = "The largest prediction file as sent, gzip or not (default ${DEFAULT-VALUE}).")
  String maxUpload;

  @Option(
      names = "--max-decompressed-bytes",
      paramLabel = "SIZE",
      defaultValue = "8GiB",
      description = "The largest prediction file once decompressed (default ${DEFAULT-VALUE}).")
  String maxDecompressed;

  @Option(
      names = "--max-ratio",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "How many times its compressed size a gzip file may decompress to, against gzip"
              + " bombs (default ${DEFAULT-VALUE}).")
  int maxRatio;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "SIZE",
      defaultValue = "64MiB",
      description = "The longest line of a prediction file (default ${DEFAULT-VALUE}).")
  String maxLine;

  @Option(
      names = "--submissions-per-day",
      paramLabel = "N",
      description =
          "Submissions per user per benchmark per UTC day, failed ones not counted (default 5).")
  Integer perDay;

  @Option(
      names = "--submissions-per-month",
      paramLabel = "N",
      description = "Submissions per user per benchmark per UTC month (default 50).")
  Integer perMonth;

  @Option(
      names = "--concurrent-submissions",
      paramLabel = "N",
      description = "A user's submissions queued or being scored at once (default 2).")
  Integer concurrent;

  @Option(
      names = "--orphan-grace",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = {
        "At startup, remove from the uploads folder the uploads a stopped server left unfinished",
        "(.upload-*.part, and <id>.jsonl files no submission names) last modified this long ago",
        "or earlier (default ${DEFAULT-VALUE}): younger ones may be another server's upload in",
        "flight. 0 is safe for a server alone on its uploads folder."
      })
  int orphanGraceSeconds;

  @Option(
      names = "--signup",
      description = "Let people make their own participant accounts (default: by invitation only).")
  boolean signup;

  /** How the site takes submissions: read-only without {@code --uploads}. */
  public Hosting hosting() {
    SubmissionLimits limits = limits();
    if (uploads == null) {
      return new Hosting(null, limits, signup);
    }
    String dir =
        uploads.startsWith("~/") ? System.getProperty("user.home") + uploads.substring(1) : uploads;
    if (dir.isBlank()) {
      throw new InputException("--uploads: name a folder, or give the option without a value");
    }
    return new Hosting(Path.of(dir).toAbsolutePath().normalize(), limits, signup);
  }

  /** How old an unfinished upload must be for the startup sweep to remove it. */
  public Duration orphanGrace() {
    Options.atLeast("--orphan-grace", orphanGraceSeconds, 0);
    return Duration.ofSeconds(orphanGraceSeconds);
  }

  SubmissionLimits limits() {
    int day = perDay == null ? D.perDay() : perDay;
    int month = perMonth == null ? Math.max(D.perMonth(), day) : perMonth;
    int now = concurrent == null ? D.concurrent() : concurrent;
    Options.atLeast("--max-ratio", maxRatio, 1);
    Options.atLeast("--submissions-per-day", day, 1);
    Options.atLeast("--submissions-per-month", month, day);
    Options.atLeast("--concurrent-submissions", now, 1);
    long line = size("--max-line-bytes", maxLine);
    if (line > Integer.MAX_VALUE) {
      throw new InputException("--max-line-bytes: at most 2GiB");
    }
    return new SubmissionLimits(
        size("--max-upload-bytes", maxUpload),
        size("--max-decompressed-bytes", maxDecompressed),
        maxRatio,
        (int) line,
        day,
        month,
        now);
  }

  private static final Pattern SIZE =
      Pattern.compile("([0-9]+)\\s*(|B|K|KB|KIB|M|MB|MIB|G|GB|GIB|T|TB|TIB)");

  /** A size in bytes: a number, optionally with K, M, G or T (binary: 1K = 1024 bytes). */
  static long size(String option, String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InputException(
          option + ": '" + text + "' is not a size (bytes, or a number with K, M, G or T)");
    }
    int shift =
        switch (m.group(2).isEmpty() ? ' ' : m.group(2).charAt(0)) {
          case 'K' -> 10;
          case 'M' -> 20;
          case 'G' -> 30;
          case 'T' -> 40;
          default -> 0;
        };
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new InputException(option + ": '" + text + "' is too large");
    }
    if (n < 1) {
      throw new InputException(option + ": '" + text + "' must be at least 1 byte");
    }
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new InputException(option + ": '" + text + "' is too large");
    }
    return n << shift;
  }
}
