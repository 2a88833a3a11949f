package dev.perbench.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * Leaderboard pages and their JSON as sent, kept by benchmark and query with the read of the rows
 * they were made from ({@link Leaderboards#version}): an answer is rendered once per read of its
 * rows instead of once per request, which for a thousand rows costs a few hundred ms of CPU and
 * megabytes of heap. Each is kept gzipped too, for the requests that accept it, since compressing 2
 * MB per request would cost more than the rest of the answer.
 *
 * <p>When the rows have been read again (every few seconds, see {@link Leaderboards}), the answer
 * made from the previous read is still sent while one rendering from the new rows runs in the
 * background, so that a re-read never makes every request wait for a rendering; an answer is thus
 * at most one rendering (a fraction of a second) older than the rows. Only the first request for an
 * answer, with nothing kept, waits: for the one rendering that all such requests share.
 */
final class RenderedAnswers {
  /** Answers kept, by total bytes. */
  static final long CACHE_BYTES = 32L << 20;

  /** The smallest answer Javalin compresses (its default minSizeForCompression). */
  static final int GZIP_MIN_BYTES = 1500;

  private static final Logger LOG = Logger.getLogger(RenderedAnswers.class.getName());

  /** Which answer: a benchmark's page ({@code json} false) or JSON, under a query. */
  record Key(String benchmark, LeaderboardQuery query, boolean json) {}

  private record Kept(long version, Body body) {}

  private final Cache<Key, Kept> cache =
      Caffeine.newBuilder()
          .maximumWeight(CACHE_BYTES)
          .weigher((Key k, Kept v) -> v.body().weight())
          .expireAfterAccess(Duration.ofMinutes(1))
          .build();
  private final Set<Key> rendering = ConcurrentHashMap.newKeySet();
  private final Executor background;

  /** Answers whose background renderings run on {@code background}. */
  RenderedAnswers(Executor background) {
    this.background = background;
  }

  /**
   * The answer {@code key} made from the rows of read {@code version}: the kept one when it was
   * made from that read (or a later one); else, when an older one is kept, that one, while one
   * rendering runs in the background; else rendered now.
   *
   * @param render renders the answer from the current rows; a failure is thrown to the request that
   *     waits for it (a background one drops the kept answer, so the next request renders it again
   *     and meets the failure)
   */
  Body get(Key key, long version, Supplier<byte[]> render) {
    Kept kept = cache.getIfPresent(key);
    if (kept == null) {
      kept = cache.get(key, k -> new Kept(version, Body.of(render.get())));
    }
    if (kept.version() < version && rendering.add(key)) {
      try {
        background.execute(() -> renderInBackground(key, version, render));
      } catch (RuntimeException e) {
        rendering.remove(key);
        throw e;
      }
    }
    return kept.body();
  }

  /** Drops every kept answer: the next request for one renders it, and waits for it. */
  void clear() {
    cache.invalidateAll();
  }

  private void renderInBackground(Key key, long version, Supplier<byte[]> render) {
    try {
      Body body = Body.of(render.get());
      // not when the kept one was dropped meanwhile (clear(): the rows changed for certain)
      cache
          .asMap()
          .computeIfPresent(
              key, (k, old) -> old.version() > version ? old : new Kept(version, body));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "rendering " + key + " again failed; it is rendered on request", e);
      cache.invalidate(key);
    } finally {
      rendering.remove(key);
    }
  }

  /**
   * An answer's bytes and, when it is as large as Javalin compresses ({@link #GZIP_MIN_BYTES}), its
   * gzip encoding.
   */
  record Body(byte[] identity, byte[] gzip) {
    static Body of(byte[] identity) {
      if (identity.length < GZIP_MIN_BYTES) {
        return new Body(identity, null);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length / 8);
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(identity);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Body(identity, out.toByteArray());
    }

    int weight() {
      return identity.length + (gzip == null ? 0 : gzip.length);
    }

    /**
     * Sends it, gzipped when the request accepts gzip: by Javalin's own rule (the Accept-Encoding
     * header contains "gzip"), which then leaves an answer with a Content-Encoding alone.
     */
    void send(Context ctx) {
      String accept = ctx.header("Accept-Encoding");
      if (gzip != null && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
        ctx.header("Content-Encoding", "gzip").result(gzip);
      } else {
        ctx.result(identity);
      }
    }
  }
}
