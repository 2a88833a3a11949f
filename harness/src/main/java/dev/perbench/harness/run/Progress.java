package dev.perbench.harness.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr every couple of seconds: done/total, rate, ETA, failures. Plain lines (no
 * carriage returns) so logs of batch jobs stay readable.
 */
public final class Progress implements AutoCloseable {
  private final PrintWriter out;
  private final long total;
  private final long start = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final ScheduledExecutorService timer;
  private final String unit;

  Progress(PrintWriter out, long total, long periodMillis) {
    this(out, total, periodMillis, "samples");
  }

  /**
   * Prints every {@code periodMillis} until closed.
   *
   * @param unit what is counted, plural ("samples", "judgements")
   */
  public Progress(PrintWriter out, long total, long periodMillis, String unit) {
    this.unit = unit;
    this.out = out;
    this.total = total;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "perbench-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::print, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  public void count(boolean sampleFailed) {
    done.incrementAndGet();
    if (sampleFailed) {
      failed.incrementAndGet();
    }
  }

  long failed() {
    return failed.get();
  }

  long done() {
    return done.get();
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  public synchronized void print() {
    long d = done.get();
    double s = seconds();
    double rate = d / Math.max(s, 1e-9);
    long eta = rate > 0 ? Math.round((total - d) / rate) : -1;
    out.printf(
        Locale.ROOT,
        "  %,d/%,d %s (%.1f%%), %.1f %s/s, ETA %s, %,d failed%n",
        d,
        total,
        unit,
        total == 0 ? 100.0 : 100.0 * d / total,
        rate,
        unit,
        eta < 0
            ? "?"
            : String.format(Locale.ROOT, "%d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60),
        failed.get());
    out.flush();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
