package dev.perbench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.io.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code judgements.jsonl}, beside {@code metrics.json}: one line per sample and judge, what the
 * judge made of the sample ({@link Judgement}) with snake_case field names, every field present
 * (null where there is nothing). Lines are grouped by judge name, in name order (the order of
 * {@code tasks.caption.judges}), and each judge's lines are in sample order: its descriptions
 * first, then (with {@code --judge-mcq}) its readings of mcq answers, protocol {@code mcq-extract},
 * whose verdict's {@code rating} is the letter read (a string) or null for {@code NONE}. Written
 * whole, atomically.
 */
public final class JudgementsFile {
  /** The file's name in a run or score folder. */
  public static final String NAME = "judgements.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private JudgementsFile() {}

  /** One line (without its line end). */
  public static String line(Judgement j) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sample_id", j.sampleId());
    o.put("judge", j.judge());
    o.put("protocol", j.protocol());
    o.put("template_sha256", j.templateSha256());
    o.put("status", j.status());
    if (j.verdict() == null) {
      o.putNull("verdict");
    } else {
      ObjectNode v = o.putObject("verdict");
      v.put("numerator", j.verdict().numerator());
      v.put("denominator", j.verdict().denominator());
      if (McqExtract.NAME.equals(j.protocol())) {
        // the letter the judge read from the answer; null when it read none (NONE)
        v.put("rating", j.verdict().choice());
      } else {
        v.put("rating", j.verdict().rating());
      }
      if (j.verdict().inconsistent() == null) {
        v.putNull("inconsistent");
      } else {
        v.put("inconsistent", j.verdict().inconsistent());
      }
    }
    ArrayNode chats = o.putArray("chats");
    for (Judgement.Chat c : j.chats()) {
      ObjectNode n = chats.addObject();
      n.put("prompt_sha256", c.promptSha256());
      n.put("reply", c.reply());
      n.put("model", c.model());
      n.put("cached", c.cached());
      n.put("reasked", c.reasked());
      if (c.ratings() == null) {
        n.putNull("ratings");
      } else {
        ArrayNode r = n.putArray("ratings");
        for (double x : c.ratings()) {
          r.add(x);
        }
      }
      n.put("error", c.error());
    }
    return o.toString();
  }

  /**
   * Writes {@code file}: the lines of {@code judgements} and, from the file as it is, the lines of
   * the judges named in {@code keep} (judges that stay in metrics.json and were not judged again);
   * lines of any other judge are dropped, as metrics.json no longer has their scores.
   *
   * @throws InputException naming the file and line when a line to keep cannot be read
   */
  public static void write(Path file, List<Judgement> judgements, Set<String> keep) {
    Map<String, List<String>> byJudge = new TreeMap<>();
    if (!keep.isEmpty() && Files.exists(file)) {
      JsonLines.read(
          file,
          line -> {
            if (line.blank()) {
              return;
            }
            String name = judgeName(file, line);
            if (keep.contains(name)) {
              byJudge.computeIfAbsent(name, k -> new ArrayList<>()).add(line.text());
            }
          });
    }
    for (Judgement j : judgements) {
      byJudge
          .computeIfAbsent(JudgeSpec.parse(j.judge()).name(), k -> new ArrayList<>())
          .add(line(j));
    }
    StringBuilder out = new StringBuilder();
    for (List<String> lines : byJudge.values()) {
      for (String l : lines) {
        out.append(l).append('\n');
      }
    }
    AtomicFiles.write(file, out.toString());
  }

  /** The name of the judge of one line of an existing file. */
  private static String judgeName(Path file, JsonLines.Line line) {
    String where = file + " line " + line.number() + ": ";
    String fix = "; delete the file (the judge cache keeps the replies) and judge again";
    if (line.text() == null) {
      throw new InputException(where + "not UTF-8 text" + fix);
    }
    JsonNode n;
    try {
      n = JSON.readTree(line.text());
    } catch (IOException e) {
      throw new InputException(where + "not valid JSON" + fix, e);
    }
    JsonNode judge = n == null ? null : n.get("judge");
    if (judge == null || !judge.isTextual()) {
      throw new InputException(where + "\"judge\": missing or not a string" + fix);
    }
    try {
      return JudgeSpec.parse(judge.asText()).name();
    } catch (IllegalArgumentException e) {
      throw new InputException(where + "\"judge\": " + e.getMessage() + fix, e);
    }
  }
}
