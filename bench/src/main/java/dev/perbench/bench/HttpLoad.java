package dev.perbench.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A closed-loop HTTP load: {@code connections} threads, each sending one GET and waiting for its
 * whole answer before the next, for a fixed time; every request's latency (send to last body byte)
 * is kept. With a closed loop the latency is the number of requests in flight over the throughput
 * (Little's law): on a machine where client and server share the processors, a latency goal at high
 * concurrency is a throughput goal. An answer other than 200 with the expected content type, or a
 * transport error, counts as an error.
 */
public final class HttpLoad {
  private final HttpClient client;
  private final Consumer<String> progress;

  /**
   * One measurement.
   *
   * @param latenciesNanos every measured request's latency, sorted
   * @param bytes body bytes received
   * @param firstError what went wrong first, or null
   * @param serverCpuSeconds CPU time the server process used during the measurement (NaN when the
   *     system does not say)
   * @param clientCpuSeconds CPU time this process used during the measurement (NaN when unknown)
   * @param machineCpuSeconds CPU time the whole machine used during the measurement, every process
   *     (Linux: /proc/stat; NaN elsewhere): what is left after the server and this process is other
   *     work competing for the same processors
   */
  public record Stats(
      int connections,
      double seconds,
      long[] latenciesNanos,
      long errors,
      long bytes,
      String firstError,
      double serverCpuSeconds,
      double clientCpuSeconds,
      double machineCpuSeconds) {
    public long requests() {
      return latenciesNanos.length;
    }

    /**
     * The share of the machine's processors that other processes used during the measurement (0 to
     * 1; NaN when unknown): above a few percent, the figures are not the server's alone.
     */
    public double othersShare() {
      double others = machineCpuSeconds - serverCpuSeconds - clientCpuSeconds;
      return Math.max(0, others) / (seconds * Runtime.getRuntime().availableProcessors());
    }

    public double requestsPerSecond() {
      return requests() / seconds;
    }

    /** The latency below which a fraction {@code q} of the requests fall (nearest rank), in ms. */
    public double percentileMillis(double q) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(q * latenciesNanos.length);
      return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, rank - 1))] / 1e6;
    }

    public double maxMillis() {
      return latenciesNanos.length == 0
          ? Double.NaN
          : latenciesNanos[latenciesNanos.length - 1] / 1e6;
    }

    /** Mean body size. */
    public long bytesPerRequest() {
      return requests() == 0 ? 0 : bytes / requests();
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d requests at %d connections in %.1f s, %d errors",
          requests(),
          connections,
          seconds,
          errors);
    }
  }

  /**
   * What to request: the paths cycle (path i on request i of each worker, offset by worker). With
   * {@code gzip} the requests accept gzip, as browsers do, and an answer that is not gzipped is an
   * error; the body is counted as it came (compressed), not decompressed.
   */
  public record Target(URI base, List<String> paths, String contentType, boolean gzip) {
    public Target(URI base, List<String> paths, String contentType) {
      this(base, paths, contentType, false);
    }

    public Target {
      if (paths.isEmpty()) {
        throw new IllegalArgumentException("no path to request");
      }
      paths = List.copyOf(paths);
    }

    URI uri(long i) {
      return base.resolve(paths.get((int) (i % paths.size())));
    }
  }

  public HttpLoad(Consumer<String> progress) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.progress = progress;
  }

  /**
   * Runs {@code warmupSeconds} unmeasured, then {@code seconds} measured, at {@code connections}
   * requests in flight. {@code server} is the server's process, for its CPU time (may be null).
   */
  public Stats run(
      String label,
      Target target,
      int connections,
      double warmupSeconds,
      double seconds,
      ProcessHandle server)
      throws InterruptedException {
    if (warmupSeconds > 0) {
      Stats warm = phase(label + " warm-up", target, connections, warmupSeconds, null);
      if (warm.errors() > 0) {
        return warm;
      }
    }
    return phase(label, target, connections, seconds, server);
  }

  /** Each path once, one at a time, in order: e.g. first renders, which the server then caches. */
  public Stats once(Target target, ProcessHandle server) throws InterruptedException {
    Recorder r = new Recorder();
    double cpuServer0 = cpu(server);
    double cpuClient0 = ownCpu();
    double machine0 = machineCpu();
    long t0 = System.nanoTime();
    for (int i = 0; i < target.paths().size(); i++) {
      request(target, i, r);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return r.stats(1, s, cpu(server) - cpuServer0, ownCpu() - cpuClient0, machineCpu() - machine0);
  }

  private Stats phase(
      String label, Target target, int connections, double seconds, ProcessHandle server)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Recorder> recorders = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    double cpuServer0 = cpu(server);
    double cpuClient0 = ownCpu();
    double machine0 = machineCpu();
    for (int t = 0; t < connections; t++) {
      Recorder r = new Recorder();
      recorders.add(r);
      long offset = t;
      Thread w =
          new Thread(
              () -> {
                for (long i = offset; System.nanoTime() < end; i += connections) {
                  request(target, i, r);
                }
              },
              "http-load-" + t);
      workers.add(w);
      w.start();
    }
    long nextReport = start + 1_000_000_000L;
    for (Thread w : workers) {
      while (w.isAlive()) {
        w.join(100);
        long now = System.nanoTime();
        if (now >= nextReport && now < end) {
          long done = recorders.stream().mapToLong(Recorder::count).sum();
          long errors = recorders.stream().mapToLong(r -> r.errors.get()).sum();
          double elapsed = (now - start) / 1e9;
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "  %s @%d: %.0f/%.0f s, %,.0f req/s, %d errors",
                  label,
                  connections,
                  elapsed,
                  seconds,
                  done / elapsed,
                  errors));
          nextReport += 1_000_000_000L;
        }
      }
    }
    double s = (System.nanoTime() - start) / 1e9;
    double serverCpu = cpu(server) - cpuServer0;
    double clientCpu = ownCpu() - cpuClient0;
    double machineCpu = machineCpu() - machine0;
    Recorder all = new Recorder();
    for (Recorder r : recorders) {
      all.add(r);
    }
    return all.stats(connections, s, serverCpu, clientCpu, machineCpu);
  }

  private void request(Target target, long i, Recorder r) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target.uri(i)).timeout(Duration.ofSeconds(60)).GET();
    if (target.gzip()) {
      b.header("Accept-Encoding", "gzip");
    }
    HttpRequest req = b.build();
    long t0 = System.nanoTime();
    try {
      HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      long t1 = System.nanoTime();
      String type = res.headers().firstValue("Content-Type").orElse("");
      String encoding = res.headers().firstValue("Content-Encoding").orElse("identity");
      if (res.statusCode() != 200 || !type.startsWith(target.contentType())) {
        r.error(req.uri() + ": HTTP " + res.statusCode() + " " + type);
      } else if (target.gzip() != encoding.equals("gzip")) {
        r.error(req.uri() + ": Content-Encoding " + encoding);
      } else {
        r.ok(t1 - t0, res.body().length);
      }
    } catch (IOException e) {
      r.error(req.uri() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r.error(req.uri() + ": interrupted");
    }
  }

  /** CPU seconds a process has used so far; NaN when unknown. */
  static double cpu(ProcessHandle p) {
    if (p == null) {
      return Double.NaN;
    }
    return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /**
   * CPU seconds every process of the machine has used since boot: the busy fields of /proc/stat's
   * {@code cpu} line (user, nice, system, irq, softirq, steal) at 100 ticks per second; NaN where
   * there is no /proc/stat.
   */
  static double machineCpu() {
    try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/stat"))) {
      String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
      if (cpu == null) {
        return Double.NaN;
      }
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double ownCpu() {
    return cpu(ProcessHandle.current());
  }

  /** One worker's latencies (only it writes them; read after it has finished). */
  private static final class Recorder {
    private long[] nanos = new long[1024];
    private volatile int n;
    private long bytes;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    void ok(long latency, int size) {
      if (n == nanos.length) {
        nanos = Arrays.copyOf(nanos, 2 * n);
      }
      nanos[n] = latency;
      n = n + 1;
      bytes += size;
    }

    void error(String what) {
      errors.incrementAndGet();
      firstError.compareAndSet(null, what);
    }

    long count() {
      return n;
    }

    void add(Recorder o) {
      for (int i = 0; i < o.n; i++) {
        ok(o.nanos[i], 0);
      }
      bytes += o.bytes;
      errors.addAndGet(o.errors.get());
      if (o.firstError.get() != null) {
        firstError.compareAndSet(null, o.firstError.get());
      }
    }

    Stats stats(
        int connections, double seconds, double serverCpu, double clientCpu, double machineCpu) {
      long[] sorted = Arrays.copyOf(nanos, n);
      Arrays.sort(sorted);
      return new Stats(
          connections,
          seconds,
          sorted,
          errors.get(),
          bytes,
          firstError.get(),
          serverCpu,
          clientCpu,
          machineCpu);
    }
  }
}
