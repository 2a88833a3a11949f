package dev.perbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.perbench.errors.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The upload's progress on a terminal and in a log, and the serve options' sizes. */
class UploadProgressTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void aLogGetsALineEveryFiveSecondsAndASummary() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    UploadProgress p = new UploadProgress(new PrintWriter(text), 100L << 20, false, now::get);
    now.set(SECOND);
    p.accept(10L << 20);
    assertEquals("", text.toString());
    now.set(5 * SECOND);
    p.accept(50L << 20);
    now.set(6 * SECOND);
    p.accept(60L << 20);
    now.set(10 * SECOND);
    p.accept(100L << 20);
    p.end(true);
    assertEquals(
        "[############------------]  50%  50 MiB of 100 MiB  10 MiB/s  ETA 0:05\n"
            + "[########################] 100%  100 MiB of 100 MiB  10 MiB/s  sent; the server"
            + " checks the file\n"
            + "uploaded 100 MiB in 10.0 s (10 MiB/s)\n",
        text.toString());
  }

  @Test
  void aTerminalGetsOneLineRedrawnInPlace() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    UploadProgress p = new UploadProgress(new PrintWriter(text), 1000, true, now::get);
    now.set(SECOND);
    p.accept(500);
    now.set(SECOND + SECOND / 20);
    p.accept(600); // too soon to redraw
    now.set(2 * SECOND);
    p.accept(700);
    p.end(false);
    assertEquals(
        "\r\033[K[############------------]  50%  500 bytes of 1000 bytes  500 bytes/s  ETA 0:01"
            + "\r\033[K[################--------]  70%  700 bytes of 1000 bytes  350 bytes/s"
            + "  ETA 0:00\n",
        text.toString());
  }

  @Test
  void sizesTakeBinarySuffixes() {
    assertEquals(1L << 30, HostingOptions.size("--x", "1GiB"));
    assertEquals(64L << 20, HostingOptions.size("--x", "64m"));
    assertEquals(512, HostingOptions.size("--x", "512"));
    assertEquals(2048, HostingOptions.size("--x", "2 KB"));
    assertThrows(InputException.class, () -> HostingOptions.size("--x", "0"));
    assertThrows(InputException.class, () -> HostingOptions.size("--x", "1.5G"));
    assertThrows(InputException.class, () -> HostingOptions.size("--x", "99999999999T"));
  }
}
