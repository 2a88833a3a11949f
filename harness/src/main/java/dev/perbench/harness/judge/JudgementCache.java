package dev.perbench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.harness.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>The store is an append-only JSON Lines file ({@code replies.jsonl} in the cache folder), read
 * whole into a hash map when opened. Hand-written rather than H2's MVStore (the library that first
 * suggested itself) because a paid reply must survive a {@code kill -9} the moment it is received:
 * MVStore only keeps what it has committed, and committing after each reply wrote a new chunk each
 * time (measured: 8,000 replies/s and a 320 MB file for 30,000 replies of 300 bytes), while its
 * background commit loses the last second's replies. Here each reply is one {@code write} of one
 * line to the file, in the operating system's hands at once (a process killed after it loses
 * nothing; a machine losing power may lose the last few, which are then paid again). A line cut
 * short by a kill, the file's last, is dropped when the cache is next opened.
 *
 * <p>One process at a time: a lock on {@code lock} in the folder, and a second process is told so.
 * Memory: about the replies' size (a few hundred bytes each).
 */
public final class JudgementCache implements AutoCloseable {
  /** The replies, in the cache folder. */
  public static final String FILE = "replies.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A cached reply. */
  public record Entry(
      String content, String model, long promptTokens, long completionTokens, Instant at) {}

  private final Path folder;
  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<String, Entry> replies = new ConcurrentHashMap<>();
  private FileChannel out;

  private JudgementCache(Path folder, FileChannel lockChannel, FileLock lock) {
    this.folder = folder;
    this.file = folder.resolve(FILE);
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (or makes) the cache in {@code folder}.
   *
   * @throws IllegalStateException naming the folder or file when it cannot be opened, is in use by
   *     another process, or has a damaged line (other than a last line cut short)
   */
  public static JudgementCache open(Path folder) {
    FileChannel channel = null;
    try {
      Files.createDirectories(folder);
      channel =
          FileChannel.open(
              folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM
      }
      if (lock == null) {
        throw new IllegalStateException(
            "the judge cache "
                + folder
                + " is in use by another perbench process; wait for it to finish, or give this"
                + " one its own with --judge-cache DIR");
      }
      JudgementCache cache = new JudgementCache(folder, channel, lock);
      cache.load();
      return cache;
    } catch (IOException e) {
      close(channel);
      throw new IllegalStateException("cannot open the judge cache " + folder + ": " + e, e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private void load() throws IOException {
    long good = 0;
    if (Files.exists(file)) {
      byte[] all = Files.readAllBytes(file);
      int line = 0;
      int start = 0;
      while (start < all.length) {
        int end = start;
        while (end < all.length && all[end] != '\n') {
          end++;
        }
        line++;
        if (end == all.length) {
          break; // a last line without its newline: cut short by a kill, dropped
        }
        String text = new String(all, start, end - start, StandardCharsets.UTF_8);
        try {
          JsonNode n = JSON.readTree(text);
          replies.put(
              n.get("key").asText(),
              new Entry(
                  n.get("content").asText(),
                  n.hasNonNull("model") ? n.get("model").asText() : null,
                  n.get("prompt_tokens").asLong(),
                  n.get("completion_tokens").asLong(),
                  Instant.parse(n.get("at").asText())));
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException(
              "the judge cache "
                  + file
                  + " line "
                  + line
                  + " is damaged ("
                  + e.getMessage()
                  + "); remove that line, or the file (its replies are then asked again)");
        }
        start = end + 1;
        good = start;
      }
    }
    out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      out.truncate(good); // drop a line cut short, so appends start on a line of their own
      out.position(good);
    } catch (IOException e) {
      out.close();
      throw e;
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
    return Optional.ofNullable(replies.get(key));
  }

  /** Stores a reply: one line appended to the file, then in the map. */
  public void put(String key, Entry e) {
    byte[] line = (line(key, e) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          out.write(b);
        }
      } catch (IOException ex) {
        throw new IllegalStateException("cannot write to the judge cache " + file + ": " + ex, ex);
      }
    }
    replies.put(key, e);
  }

  private static String line(String key, Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key);
    n.put("content", e.content());
    n.put("model", e.model());
    n.put("prompt_tokens", e.promptTokens());
    n.put("completion_tokens", e.completionTokens());
    n.put("at", e.at().toString());
    return n.toString();
  }

  /** How many replies it holds. */
  public long size() {
    return replies.size();
  }

  /** The file's size in bytes. */
  public synchronized long bytes() {
    try {
      return out.size();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the judge cache " + file + ": " + e, e);
    }
  }

  /**
   * Removes the replies stored before {@code cutoff} and rewrites the file (atomically) with the
   * others; returns how many were removed.
   */
  public synchronized long pruneBefore(Instant cutoff) {
    int before = replies.size();
    replies.values().removeIf(e -> e.at().isBefore(cutoff));
    StringBuilder kept = new StringBuilder();
    replies.forEach((k, e) -> kept.append(line(k, e)).append('\n'));
    try {
      AtomicFiles.write(file, kept.toString());
      out.close();
      out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
      out.position(out.size());
    } catch (IOException e) {
      throw new IllegalStateException("cannot rewrite the judge cache " + file + ": " + e, e);
    }
    return before - replies.size();
  }

  /** The cache folder. */
  public Path folder() {
    return folder;
  }

  @Override
  public synchronized void close() {
    try {
      if (out != null) {
        out.close();
      }
      lock.release();
    } catch (IOException e) {
      // closing: nothing is lost, every reply was written when it came
    } finally {
      close(lockChannel);
    }
  }

  private static void close(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }
}
