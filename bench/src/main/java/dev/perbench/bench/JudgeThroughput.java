package dev.perbench.bench;

import dev.perbench.harness.http.Backoff;
import dev.perbench.harness.judge.CaptionItem;
import dev.perbench.harness.judge.CaptionJudge;
import dev.perbench.harness.judge.ChatMessage;
import dev.perbench.harness.judge.ChatRequest;
import dev.perbench.harness.judge.JudgeRefusedException;
import dev.perbench.harness.judge.JudgeSettings;
import dev.perbench.harness.judge.JudgeSpec;
import dev.perbench.harness.judge.JudgementCache;
import dev.perbench.harness.judge.OpenAiChat;
import dev.perbench.harness.judge.PairwiseRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The harness's own cost of LLM judging, against a zero-latency judge on loopback ({@link
 * CannedJudgeServer}), so the endpoint is never what is timed:
 *
 * <ul>
 *   <li>judgements per second of {@link CaptionJudge} with the pairwise protocol (two chats a
 *       sample, each rendered, keyed, read, stored in a fresh persistent cache), beside the
 *       baseline of the same chats, rendered beforehand, sent as bare calls by the same client at
 *       the same concurrency: their ratio is what the judging adds to the HTTP calls;
 *   <li>cache lookups per second (every chat's key looked up in the persistent cache), beside the
 *       baseline of the same lookups in an in-memory {@link ConcurrentHashMap}.
 * </ul>
 */
public final class JudgeThroughput {
  /**
   * The figures of one run.
   *
   * @param callsPerSecond the baseline: bare chat calls per second at the same concurrency
   * @param lookupsPerSecond cache lookups per second
   * @param mapLookupsPerSecond the baseline: the same lookups in a ConcurrentHashMap
   */
  public record Result(
      int samples,
      int concurrency,
      double judgementsPerSecond,
      double callsPerSecond,
      double lookupsPerSecond,
      double mapLookupsPerSecond,
      long unparsedOrFailed) {}

  private JudgeThroughput() {}

  /** Warms up on a tenth of {@code samples}, then times each figure on {@code samples}. */
  public static Result measure(int samples, int concurrency, Path workDir) throws Exception {
    if (samples <= 0 || concurrency <= 0) {
      throw new IllegalArgumentException("need samples > 0 and concurrency > 0");
    }
    try (CannedJudgeServer server = CannedJudgeServer.start()) {
      OpenAiChat chat =
          new OpenAiChat(
              URI.create(server.url()), null, Duration.ofSeconds(30), 3, Backoff.standard(0));
      JudgeSettings settings =
          new JudgeSettings(
              JudgeSpec.parse("openai:bench-judge"),
              new PairwiseRef(),
              0.0,
              0L,
              512,
              concurrency,
              0);
      int warmup = Math.max(1, samples / 10);
      judge(chat, settings, items("warm", warmup), workDir.resolve("warm-cache"));
      bareCalls(chat, chats(settings, items("warm", warmup)), concurrency);

      List<CaptionItem> items = items("s", samples);
      Path cacheDir = workDir.resolve("cache");
      long t0 = System.nanoTime();
      long bad = judge(chat, settings, items, cacheDir);
      double judgeSeconds = (System.nanoTime() - t0) / 1e9;

      List<List<ChatMessage>> bare = chats(settings, items("bare", samples));
      t0 = System.nanoTime();
      bareCalls(chat, bare, concurrency);
      double callSeconds = (System.nanoTime() - t0) / 1e9;

      List<String> keys = new ArrayList<>();
      for (CaptionItem item : items) {
        for (List<ChatMessage> m : settings.protocol().chats(item)) {
          keys.add(
              JudgementCache.key(
                  chat.host(),
                  "bench-judge",
                  settings.protocol().template().sha256(),
                  m,
                  0.0,
                  0L,
                  512));
        }
      }
      int rounds = Math.max(1, 200_000 / keys.size());
      double lookups;
      double mapLookups;
      try (JudgementCache cache = JudgementCache.open(cacheDir)) {
        ConcurrentHashMap<String, JudgementCache.Entry> map = new ConcurrentHashMap<>();
        for (String k : keys) {
          map.put(k, cache.get(k).orElseThrow(() -> new IllegalStateException("not cached: " + k)));
        }
        lookup(cache, map, keys, rounds); // warm-up
        t0 = System.nanoTime();
        long found = lookup(cache, null, keys, rounds);
        lookups = found / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        found = lookup(null, map, keys, rounds);
        mapLookups = found / ((System.nanoTime() - t0) / 1e9);
      }
      return new Result(
          samples,
          concurrency,
          samples / judgeSeconds,
          samples * 2 / callSeconds,
          lookups,
          mapLookups,
          bad);
    }
  }

  private static long lookup(
      JudgementCache cache,
      ConcurrentHashMap<String, JudgementCache.Entry> map,
      List<String> keys,
      int rounds) {
    long found = 0;
    for (int r = 0; r < rounds; r++) {
      for (String k : keys) {
        if (cache != null && cache.get(k).isPresent()) {
          found++;
        }
        if (map != null && map.get(k) != null) {
          found++;
        }
      }
    }
    return found;
  }

  private static List<CaptionItem> items(String prefix, int n) {
    List<CaptionItem> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new CaptionItem(
              prefix + i,
              "The judge does not see the image; the object is marked by a region.",
              "Can you provide me with a detailed description of the marked region?",
              "A red double-decker bus parked at the kerb, its upper deck windows open, number "
                  + i,
              "A red bus with two decks standing by the road; sample " + i));
    }
    return out;
  }

  private static long judge(
      OpenAiChat chat, JudgeSettings settings, List<CaptionItem> items, Path dir)
      throws JudgeRefusedException, InterruptedException, java.io.IOException {
    Files.createDirectories(dir);
    try (JudgementCache cache = JudgementCache.open(dir)) {
      CaptionJudge.Result r =
          new CaptionJudge(chat, cache, settings, Clock.systemUTC()).judge(items, null);
      return r.judgements().stream().filter(j -> !j.status().equals("ok")).count();
    }
  }

  /** Every chat of the items, rendered ahead of the timing. */
  private static List<List<ChatMessage>> chats(JudgeSettings settings, List<CaptionItem> items) {
    List<List<ChatMessage>> out = new ArrayList<>();
    for (CaptionItem item : items) {
      out.addAll(settings.protocol().chats(item));
    }
    return out;
  }

  /** The same chats as bare calls: no cache, no key, no reading of the reply. */
  private static void bareCalls(OpenAiChat chat, List<List<ChatMessage>> chats, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < chats.size(); i++) {
        String id = "c" + i;
        ChatRequest request = new ChatRequest("bench-judge", chats.get(i), 0.0, 0L, 512);
        fs.add(pool.submit(() -> chat.complete(request, id)));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
