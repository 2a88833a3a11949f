package dev.perbench.harness.submissions;

import dev.perbench.data.catalog.DataRoots;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;

/**
 * The leaderboard's entries ({@code submissions/}), as the command line and the website both use
 * them: validating the folder and adding a finished run to an entry.
 */
public final class Submissions {
  private Submissions() {}

  /**
   * What a new entry's model card says; every field may be null except {@code name} and {@code
   * kind}. {@code source} and {@code date} default to the run's harness commit and start date.
   */
  public record CardFields(
      String name,
      String organisation,
      String size,
      String link,
      String kind,
      String source,
      String date,
      String notes) {
    /**
     * Whether any field a user gives for a new entry's card is set ({@code kind} has a default).
     */
    boolean any() {
      return name != null
          || organisation != null
          || size != null
          || link != null
          || source != null
          || date != null
          || notes != null;
    }
  }

  /** Checks the whole folder; see {@link SubmissionValidator}. */
  public static SubmissionValidator.Report validate(Path folder, DataRoots roots) {
    return new SubmissionValidator(roots).validate(folder);
  }

  /** The one-line summary of a report: entries by kind, result folders, prediction files. */
  public static String summary(SubmissionValidator.Report r) {
    return String.format(
        "%s: %d entries (%s), %d result folders, %d prediction files checked",
        r.dir(),
        r.entries(),
        r.kinds().entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")),
        r.results(),
        r.predictionsChecked());
  }

  /**
   * Copies a finished run into {@code folder/entry/results/<benchmark>/}, writing the entry's model
   * card from {@code card} when the entry is new, and validates the whole folder. The folder must
   * be valid before (its problems are listed, nothing is added) and after: when the new results
   * make it invalid, they are taken out again and the folder is as it was.
   *
   * @return the results folder written
   * @throws InputException when the entry id, the run, the card or the folder is not acceptable,
   *     saying why
   */
  public static Path add(
      Path folder, Path run, String entry, CardFields card, boolean replace, DataRoots roots) {
    SubmissionValidator.Report before = validate(folder, roots);
    if (!before.valid()) {
      throw new InputException(
          summary(before)
              + ": "
              + before.problems().size()
              + " problems before anything is added; fix them first:\n  "
              + String.join("\n  ", before.problems()));
    }
    Path entryDir = folder.resolve(entry);
    boolean newEntry = !Files.exists(entryDir);
    Path results =
        SubmissionValidator.ENTRY_ID.matcher(entry).matches()
            ? entryDir
                .resolve(SubmissionValidator.RESULTS)
                .resolve(
                    SubmissionValidator.folderName(SubmissionImporter.inspect(run).benchmark()))
            : null;
    Path backup = results != null && Files.exists(results) ? backup(results) : null;
    Path written = add(folder, run, entry, card, replace);
    SubmissionValidator.Report after = validate(folder, roots);
    if (!after.valid()) {
      FileTrees.delete(newEntry ? entryDir : written);
      if (backup != null) {
        move(backup, written);
      }
      throw new InputException(
          summary(after)
              + ": the new results would make the folder invalid; nothing was added:\n  "
              + String.join("\n  ", after.problems()));
    }
    if (backup != null) {
      FileTrees.delete(backup);
    }
    return written;
  }

  /**
   * Copies a finished run into {@code folder/entry/results/<benchmark>/}, writing the entry's model
   * card from {@code card} when the entry is new, without validating the folder.
   *
   * @return the results folder written
   * @throws InputException when the entry id, the run or the card is not acceptable, saying why
   */
  static Path add(Path folder, Path run, String entry, CardFields card, boolean replace) {
    if (!SubmissionValidator.ENTRY_ID.matcher(entry).matches()) {
      throw new InputException(
          "--entry: \"" + entry + "\" is not lowercase letters, digits, '.', '_' and '-'");
    }
    Path entryDir = folder.resolve(entry);
    Path cardFile = entryDir.resolve(SubmissionValidator.MODEL_CARD);
    SubmissionImporter.RunInfo info = SubmissionImporter.inspect(run);
    SubmissionCard newCard = null;
    if (Files.exists(cardFile)) {
      if (card.any()) {
        throw new InputException(
            cardFile + " exists; the card options are for new entries (edit the file instead)");
      }
    } else {
      if (card.name() == null) {
        throw new InputException(
            "--name is required for a new entry (" + entryDir + " has no model.json)");
      }
      if (SubmissionCard.REPORTED.equals(card.kind())) {
        throw new InputException(
            "--kind reported is for numbers copied from a paper, not for a harness run");
      }
      try {
        newCard =
            new SubmissionCard(
                card.name(),
                card.organisation(),
                card.size(),
                card.link(),
                card.kind(),
                card.source() != null ? card.source() : info.source(),
                card.date() != null ? card.date() : info.date(),
                card.notes());
      } catch (SubmissionCard.FieldProblems e) {
        throw new InputException(
            "the model card would be invalid: "
                + e.problems().stream()
                    .map(Exception::getMessage)
                    .collect(Collectors.joining("; ")));
      }
    }
    return SubmissionImporter.importRun(run, entryDir, newCard, replace);
  }

  private static Path backup(Path results) {
    try {
      Path copy = Files.createTempDirectory(results.getParent(), ".previous-");
      try (var files = Files.list(results)) {
        for (Path f : files.toList()) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a copy of " + results + ": " + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot restore " + to + " from " + from + ": " + e.getMessage(), e);
    }
  }
}
