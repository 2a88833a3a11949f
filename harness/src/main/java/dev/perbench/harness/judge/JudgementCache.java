package dev.perbench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The persistent judgement cache: every reply a judge gave, by a key that is the SHA-256 of
 * everything that decides the reply (the endpoint's host, the model requested, the template's
 * SHA-256, the rendered messages, temperature, seed, max tokens). Judging a run again with the same
 * judge makes no call; another judge, template or prediction misses.
 *
 * <p>The key has the model <em>requested</em>, not the one the endpoint reports: the reported id is
 * only known after a call, and a key that needed a call would make every re-score pay. The reported
 * model is stored with each reply and recorded with the scores, so a judge that changed under the
 * same name shows as several reported models.
 *
 * <p>It is an MVStore file ({@code judgements.mv.db} in the cache folder; H2's key-value store,
 * already a dependency), committed after each reply so that a killed run has paid for nothing it
 * lost. One process at a time: MVStore locks the file, and a second process gets an error saying
 * so.
 */
public final class JudgementCache implements AutoCloseable {
  /** The file in the cache folder. */
  public static final String FILE = "judgements.mv.db";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A cached reply. */
  public record Entry(
      String content, String model, long promptTokens, long completionTokens, Instant at) {}

  private final Path folder;
  private final MVStore store;
  private final MVMap<String, String> replies;

  private JudgementCache(Path folder, MVStore store) {
    this.folder = folder;
    this.store = store;
    this.replies = store.openMap("replies");
  }

  /**
   * Opens (or makes) the cache in {@code folder}.
   *
   * @throws IllegalStateException naming the folder when it cannot be opened, or is in use by
   *     another process
   */
  public static JudgementCache open(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make the judge cache folder " + folder + ": " + e, e);
    }
    Path file = folder.resolve(FILE);
    try {
      return new JudgementCache(
          folder, new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
    } catch (MVStoreException e) {
      if (e.getMessage() != null && e.getMessage().contains("locked")) {
        throw new IllegalStateException(
            "the judge cache "
                + file
                + " is in use by another perbench process; wait for it to finish, or give this"
                + " one its own with --judge-cache DIR",
            e);
      }
      throw new IllegalStateException("cannot open the judge cache " + file + ": " + e, e);
    }
  }

  /** The cache key of one chat: a SHA-256 over everything that decides the reply. */
  public static String key(
      String host,
      String model,
      String templateSha256,
      List<ChatMessage> messages,
      double temperature,
      Long seed,
      int maxTokens) {
    ObjectNode k = JSON.createObjectNode();
    k.put("v", 1);
    k.put("host", host);
    k.put("model", model);
    k.put("template_sha256", templateSha256);
    ArrayNode ms = k.putArray("messages");
    for (ChatMessage m : messages) {
      ms.addObject().put("role", m.role()).put("content", m.content());
    }
    k.put("temperature", temperature);
    if (seed == null) {
      k.putNull("seed");
    } else {
      k.put("seed", seed);
    }
    k.put("max_tokens", maxTokens);
    return JudgeTemplate.sha256(k.toString().getBytes(StandardCharsets.UTF_8));
  }

  public Optional<Entry> get(String key) {
    String v = replies.get(key);
    if (v == null) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(v);
      return Optional.of(
          new Entry(
              n.get("content").asText(),
              n.hasNonNull("model") ? n.get("model").asText() : null,
              n.get("prompt_tokens").asLong(),
              n.get("completion_tokens").asLong(),
              Instant.parse(n.get("at").asText())));
    } catch (IOException | RuntimeException e) {
      // a damaged entry is a miss, and is replaced by the next reply
      return Optional.empty();
    }
  }

  /** Stores a reply and commits it to the file. */
  public void put(String key, Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("content", e.content());
    n.put("model", e.model());
    n.put("prompt_tokens", e.promptTokens());
    n.put("completion_tokens", e.completionTokens());
    n.put("at", e.at().toString());
    replies.put(key, n.toString());
    store.commit();
  }

  /** How many replies it holds. */
  public long size() {
    return replies.sizeAsLong();
  }

  /** Removes the replies stored before {@code cutoff}; returns how many. */
  public long pruneBefore(Instant cutoff) {
    long removed = 0;
    for (Map.Entry<String, String> e : replies.entrySet()) {
      Optional<Entry> v = get(e.getKey());
      if (v.isEmpty() || v.get().at().isBefore(cutoff)) {
        replies.remove(e.getKey());
        removed++;
      }
    }
    store.commit();
    return removed;
  }

  /** The cache folder. */
  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    store.close();
  }
}
