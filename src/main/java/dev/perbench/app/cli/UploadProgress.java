package dev.perbench.app.cli;

import dev.perbench.web.submit.UploadReceiver;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * An upload's progress on standard error: on a terminal a bar redrawn in place (bytes, rate, time
 * left), else one line every few seconds (a log keeps no carriage returns).
 */
final class UploadProgress implements LongConsumer {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long LINE_NANOS = 5_000_000_000L;
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final long total;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long start;
  private long last;
  private long bytes;
  private boolean sent;

  /**
   * @param total the file's size in bytes
   * @param terminal whether standard error is a terminal (a bar), or not (lines)
   */
  UploadProgress(PrintWriter err, long total, boolean terminal, LongSupplier nanoTime) {
    this.err = err;
    this.total = Math.max(total, 1);
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.last = start;
  }

  @Override
  public synchronized void accept(long read) {
    bytes = read;
    long now = nanoTime.getAsLong();
    // all read: the wait for the server's checks begins (said in a log only after a line)
    boolean all = bytes >= total && !this.sent && (terminal || last != start);
    if (all || now - last >= (terminal ? REDRAW_NANOS : LINE_NANOS)) {
      this.sent |= all;
      last = now;
      show(now, false);
    }
  }

  /** The last state, once the upload is answered: a summary when accepted, else an ended line. */
  synchronized void end(boolean accepted) {
    if (accepted) {
      show(nanoTime.getAsLong(), true);
    } else if (terminal && last != start) {
      err.println();
      err.flush();
    }
  }

  private void show(long now, boolean done) {
    double seconds = Math.max((now - start) / 1e9, 1e-3);
    double rate = bytes / seconds;
    int percent = (int) Math.min(100, bytes * 100 / total);
    String line;
    if (done) {
      line =
          String.format(
              Locale.ROOT,
              "uploaded %s in %.1f s (%s/s)",
              UploadReceiver.bytes(bytes),
              seconds,
              UploadReceiver.bytes((long) rate));
    } else {
      int filled = percent * WIDTH / 100;
      long left = rate <= 0 ? -1 : (long) ((total - bytes) / rate);
      line =
          String.format(
              Locale.ROOT,
              "[%s%s] %3d%%  %s of %s  %s/s  %s",
              "#".repeat(filled),
              "-".repeat(WIDTH - filled),
              percent,
              UploadReceiver.bytes(bytes),
              UploadReceiver.bytes(total),
              UploadReceiver.bytes((long) rate),
              bytes >= total
                  ? "sent; the server checks the file"
                  : left < 0
                      ? "ETA -"
                      : String.format(Locale.ROOT, "ETA %d:%02d", left / 60, left % 60));
    }
    if (terminal) {
      err.print("\r\033[K" + line + (done ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }
}
