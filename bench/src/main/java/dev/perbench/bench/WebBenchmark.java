package dev.perbench.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.errors.InputException;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.SubmissionsImport;
import dev.perbench.web.WebDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The leaderboard website under load, as it is deployed: {@code perbench serve} in a JVM of its own
 * with a bounded heap, over a file H2 database holding {@code entries} generated entries with
 * results on up to ten benchmarks ({@link SyntheticLeaderboard}), the repository's own {@code
 * submissions/} (whose perbench-mini entries bring predictions, so real overlay PNGs), and two
 * entries with per-sample results on {@code sharedSamples} shared samples for the compare page.
 *
 * <p>The per-sample rows of the compared pair are inserted into {@code sample_results} directly
 * (their benchmark's data, RefCOCO, is not installed here, so no import could score them); their
 * {@code metrics.json} figures are computed from the same rows. Everything else goes through {@link
 * SubmissionsImport}, whose time is measured.
 *
 * <p>Scenarios, each a warm-up then a measured closed loop ({@link HttpLoad}): the leaderboard page
 * and its JSON API at {@code connections}; a cached overlay PNG at {@code connections} and at 1;
 * the first render of overlay PNGs not yet cached (each once, one at a time); the compare page at
 * each of {@code compareConnections}.
 */
public final class WebBenchmark {
  /** The leaderboard the page and API scenarios request. */
  public static final String BOARD = SyntheticLeaderboard.BENCHMARKS.get(0);

  /** The entry whose overlays are drawn: the bundled model's perbench-mini run. */
  public static final String OVERLAY_ENTRY = "pixel-mini-reproduced";

  private static final String OVERLAY_BENCH = "perbench-mini";

  /** Scenario names. */
  public static final String PAGE = "leaderboard page";

  /** The page as browsers ask for it: accepting gzip. */
  public static final String PAGE_GZIP = "leaderboard page, gzip";

  public static final String COMPARE = "compare page";

  public static final String FIRST_RENDER = "overlay PNG, first render";

  public static final String CACHED_PNG = "overlay PNG, cached";

  private static final int CACHED_OVERLAYS = 16;
  private static final int WARMUP_RENDERS = 20;
  private static final int FIRST_RENDERS = 100;
  private static final Pattern URL = Pattern.compile("the leaderboard is at (http://\\S+/)");
  private static final Pattern GC =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

  /**
   * What to run.
   *
   * @param work a folder for the submissions, the database and the server's log (kept)
   * @param repository the perbench checkout: its {@code submissions/} are imported and its bundled
   *     perbench-mini data is the server's
   * @param server how to start the server JVM
   * @param goals latency goals in ms, by scenario name ({@link Row#scenario()}); absent: none
   */
  public record Settings(
      Path work,
      Path repository,
      int entries,
      int benchmarks,
      int sharedSamples,
      int connections,
      List<Integer> compareConnections,
      double warmupSeconds,
      double seconds,
      long seed,
      Server server,
      Map<String, Double> goals) {}

  /**
   * The server's JVM: {@code java -Xmx<maxHeap> -cp <classPath> <mainClass> serve ...}, where
   * {@code mainClass} is the perbench command line.
   */
  public record Server(String java, String classPath, String mainClass, String maxHeap) {}

  /**
   * One scenario's figures.
   *
   * @param goalMillis the p99 goal, or null
   */
  public record Row(String scenario, String path, HttpLoad.Stats stats, Double goalMillis) {
    /** Whether p99 is within the goal and nothing failed (true when there is no goal). */
    public boolean passed() {
      return stats.errors() == 0
          && (goalMillis == null || stats.percentileMillis(0.99) < goalMillis);
    }
  }

  /**
   * The server's heap as its GC log shows it.
   *
   * @param peakUsedMb the most heap in use, just before a collection (or at the end)
   * @param maxLiveMb the most heap in use just after a collection: what the data and the work in
   *     flight hold
   * @param maxCommittedMb the most heap the JVM had reserved
   * @param collections garbage collections during the whole run
   * @param pauseMillis their pauses, in all
   * @param peakRssMb the process's peak resident memory (Linux; -1 when unknown)
   */
  public record Heap(
      long peakUsedMb,
      long maxLiveMb,
      long maxCommittedMb,
      int collections,
      double pauseMillis,
      long peakRssMb) {}

  /** What the run measured. */
  public record Result(
      int entries,
      int benchmarks,
      int results,
      int sharedSamples,
      double generateSeconds,
      double importSeconds,
      double samplesInsertSeconds,
      double serverStartSeconds,
      long leaderboardRows,
      List<Row> rows,
      Heap heap,
      String maxHeap,
      boolean serverAlive,
      Path work) {
    /** Requests that failed, over every scenario. */
    public long errors() {
      return rows.stream().mapToLong(r -> r.stats().errors()).sum();
    }

    /** The figures without the latency samples, as {@code bench web --json} writes them. */
    public Summary summary() {
      List<RowSummary> summaries = new ArrayList<>();
      for (Row r : rows) {
        HttpLoad.Stats st = r.stats();
        summaries.add(
            new RowSummary(
                r.scenario(),
                st.connections(),
                st.requests(),
                st.requestsPerSecond(),
                st.percentileMillis(0.5),
                st.percentileMillis(0.99),
                st.maxMillis(),
                st.errors(),
                r.goalMillis(),
                r.passed()));
      }
      return new Summary(
          entries,
          benchmarks,
          results,
          sharedSamples,
          generateSeconds,
          importSeconds,
          serverStartSeconds,
          summaries,
          heap,
          maxHeap,
          serverAlive);
    }
  }

  /** One scenario's figures (latencies in ms); {@code goalMillis} null where it has no goal. */
  public record RowSummary(
      String scenario,
      int connections,
      long requests,
      double requestsPerSecond,
      double p50Millis,
      double p99Millis,
      double maxMillis,
      long errors,
      Double goalMillis,
      boolean passed) {}

  /** A run's figures, as {@code bench web --json} writes them. */
  public record Summary(
      int entries,
      int benchmarks,
      int results,
      int sharedSamples,
      double generateSeconds,
      double importSeconds,
      double serverStartSeconds,
      List<RowSummary> rows,
      Heap heap,
      String maxHeap,
      boolean serverAlive) {}

  private WebBenchmark() {}

  /** Generates, imports, starts the server, runs every scenario, stops the server. */
  public static Result run(Settings s, Consumer<String> progress) throws Exception {
    Path work = s.work();
    Path folder = work.resolve("submissions");
    Path emptyDataRoot = work.resolve("no-official-data");
    Files.createDirectories(emptyDataRoot);
    if (Files.exists(folder)) {
      throw new InputException(folder + " exists already: use an empty --work folder");
    }
    Files.createDirectories(folder);
    progress.accept(
        String.format(
            Locale.ROOT,
            "generating %,d entries x %d benchmarks + the compared pair (%,d shared samples) in %s",
            s.entries(),
            s.benchmarks(),
            s.sharedSamples(),
            folder));
    long t0 = System.nanoTime();
    SyntheticLeaderboard.write(folder, s.entries(), s.benchmarks(), s.seed());
    SyntheticLeaderboard.writeComparePair(folder, s.benchmarks(), s.sharedSamples(), s.seed());
    copyEntries(s.repository().resolve("submissions"), folder);
    double generate = seconds(t0);

    String jdbc = "jdbc:h2:file:" + work.resolve("db").resolve("leaderboard").toAbsolutePath();
    DataRoots roots = new DataRoots(emptyDataRoot, s.repository());
    double importSeconds;
    double insertSeconds;
    long boardRows;
    int results;
    List<String> overlaySamples;
    progress.accept("importing with SubmissionsImport into " + jdbc + " ...");
    try (HikariDataSource db = WebDatabase.open(jdbc)) {
      t0 = System.nanoTime();
      SubmissionsImport.Report report = SubmissionsImport.run(folder, db, new BenchmarkData(roots));
      importSeconds = seconds(t0);
      if (!report.skipped().isEmpty()) {
        throw new IllegalStateException("the import skipped entries: " + report.skipped());
      }
      progress.accept(
          String.format(
              Locale.ROOT,
              "imported %,d entries in %.1f s; inserting %,d x 2 per-sample rows ...",
              report.imported().size(),
              importSeconds,
              s.sharedSamples()));
      t0 = System.nanoTime();
      insertSamples(db, SyntheticLeaderboard.sampleScores(s.sharedSamples(), s.seed()));
      insertSeconds = seconds(t0);
      boardRows = count(db, "SELECT COUNT(*) FROM results WHERE benchmark = '" + BOARD + "'");
      results = (int) count(db, "SELECT COUNT(*) FROM results");
      overlaySamples = overlaySamples(db);
    }
    if (overlaySamples.size() < CACHED_OVERLAYS + WARMUP_RENDERS + 1) {
      throw new IllegalStateException(
          OVERLAY_ENTRY + " has too few scored perbench-mini samples: " + overlaySamples.size());
    }

    Path log = work.resolve("server.log");
    Path gcLog = work.resolve("server-gc.log");
    List<String> command =
        List.of(
            s.server().java(),
            "-Xmx" + s.server().maxHeap(),
            "-XX:+ExitOnOutOfMemoryError",
            "-Xlog:gc:file=" + gcLog.toAbsolutePath(),
            "-Dperbench.home=" + s.repository().toAbsolutePath(),
            "-cp",
            s.server().classPath(),
            s.server().mainClass(),
            "serve",
            "--db",
            jdbc,
            "--submissions",
            folder.toAbsolutePath().toString(),
            "--data-root",
            emptyDataRoot.toAbsolutePath().toString(),
            "--host",
            "127.0.0.1",
            "--port",
            "0");
    progress.accept("starting the server: java -Xmx" + s.server().maxHeap() + " ... serve");
    t0 = System.nanoTime();
    Process server =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    List<Row> rows = new ArrayList<>();
    boolean alive;
    double start;
    long rssMb;
    try {
      URI base = awaitUrl(server, log);
      start = seconds(t0);
      progress.accept(String.format(Locale.ROOT, "server up at %s after %.1f s", base, start));
      rows.addAll(scenarios(s, base, overlaySamples, server.toHandle(), progress));
      alive = server.isAlive();
      rssMb = peakRssMb(server.pid());
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    return new Result(
        s.entries(),
        s.benchmarks(),
        results,
        s.sharedSamples(),
        generate,
        importSeconds,
        insertSeconds,
        start,
        boardRows,
        rows,
        heap(gcLog, rssMb),
        s.server().maxHeap(),
        alive,
        work);
  }

  private static List<Row> scenarios(
      Settings s, URI base, List<String> samples, ProcessHandle server, Consumer<String> progress)
      throws InterruptedException {
    HttpLoad load = new HttpLoad(progress);
    List<Row> rows = new ArrayList<>();
    String page = "/benchmarks/" + BOARD;
    String api = "/api/v1/benchmarks/" + BOARD + "/leaderboard";
    List<String> pngs = samples.stream().map(WebBenchmark::overlayPath).toList();
    List<String> cached = pngs.subList(0, CACHED_OVERLAYS);
    List<String> warm = pngs.subList(CACHED_OVERLAYS, CACHED_OVERLAYS + WARMUP_RENDERS);
    List<String> fresh =
        pngs.subList(
            CACHED_OVERLAYS + WARMUP_RENDERS,
            Math.min(pngs.size(), CACHED_OVERLAYS + WARMUP_RENDERS + FIRST_RENDERS));
    String compare =
        "/compare?a=" + SyntheticLeaderboard.COMPARE_A + "&b=" + SyntheticLeaderboard.COMPARE_B;
    List<Scenario> plan = new ArrayList<>();
    plan.add(new Scenario(PAGE, List.of(page), "text/html", false, s.connections()));
    plan.add(new Scenario(PAGE_GZIP, List.of(page), "text/html", true, s.connections()));
    plan.add(
        new Scenario("leaderboard API", List.of(api), "application/json", false, s.connections()));
    // overlays: a few rendered to warm the code, then first renders of samples not drawn yet (each
    // once, one at a time), then cached ones at 1 and at many connections
    plan.add(new Scenario(FIRST_RENDER, fresh, "image/png", false, 1));
    plan.add(new Scenario(CACHED_PNG, cached, "image/png", false, 1));
    plan.add(new Scenario(CACHED_PNG, cached, "image/png", false, s.connections()));
    for (int c : s.compareConnections()) {
      plan.add(new Scenario(COMPARE, List.of(compare), "text/html", false, c));
    }
    for (Scenario sc : plan) {
      if (!server.isAlive()) {
        progress.accept("THE SERVER DIED: the remaining scenarios are skipped (see server.log)");
        break;
      }
      HttpLoad.Target target = new HttpLoad.Target(base, sc.paths(), sc.contentType(), sc.gzip());
      HttpLoad.Stats stats;
      if (sc.name().equals(FIRST_RENDER)) {
        load.once(new HttpLoad.Target(base, warm, "image/png"), server);
        progress.accept("  " + FIRST_RENDER + ": " + fresh.size() + " samples, one at a time");
        stats = load.once(target, server);
      } else {
        stats =
            load.run(sc.name(), target, sc.connections(), s.warmupSeconds(), s.seconds(), server);
      }
      String path =
          sc.paths().get(0)
              + (sc.paths().size() > 1 ? " (+" + (sc.paths().size() - 1) + " more)" : "");
      rows.add(
          new Row(sc.name(), path, stats, s.goals().get(goalKey(sc.name(), sc.connections()))));
      progress.accept(
          String.format(
              Locale.ROOT,
              "  %s @%d: %,.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors",
              sc.name(),
              sc.connections(),
              stats.requestsPerSecond(),
              stats.percentileMillis(0.5),
              stats.percentileMillis(0.99),
              stats.errors()));
    }
    return rows;
  }

  private record Scenario(
      String name, List<String> paths, String contentType, boolean gzip, int connections) {}

  /** The goal key of a scenario at a number of connections, as {@link Settings#goals()} uses. */
  public static String goalKey(String scenario, int connections) {
    return scenario + " @" + connections;
  }

  private static String overlayPath(String sample) {
    return "/entries/"
        + OVERLAY_ENTRY
        + "/overlay.png?bench="
        + OVERLAY_BENCH
        + "&sample="
        + URLEncoder.encode(sample, StandardCharsets.UTF_8);
  }

  /** The bundled model's perbench-mini samples with masks (res, vres), in benchmark order. */
  private static List<String> overlaySamples(HikariDataSource db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT sample_id FROM sample_results WHERE entry_id = ? AND benchmark = ? AND task"
                    + " IN ('res', 'vres') AND prediction_json IS NOT NULL ORDER BY seq")) {
      q.setString(1, OVERLAY_ENTRY);
      q.setString(2, OVERLAY_BENCH);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * The compared pair's per-sample rows on {@link #BOARD}, as the import would store them for a
   * scored result (no prediction line: RefCOCO's data is not installed, so nothing draws them).
   */
  private static void insertSamples(HikariDataSource db, List<List<SampleScore>> scores)
      throws SQLException {
    String[] ids = {SyntheticLeaderboard.COMPARE_A, SyntheticLeaderboard.COMPARE_B};
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO sample_results (entry_id, benchmark, seq, sample_id, task, status,"
                  + " score, targets, iou_sum, intersection_px, union_px, chosen,"
                  + " prediction_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
        for (int side = 0; side < 2; side++) {
          List<SampleScore> list = scores.get(side);
          for (int i = 0; i < list.size(); i++) {
            SampleScore x = list.get(i);
            ins.setString(1, ids[side]);
            ins.setString(2, BOARD);
            ins.setInt(3, i);
            ins.setString(4, x.sampleId());
            ins.setString(5, x.task().id());
            ins.setString(6, x.status());
            ins.setDouble(7, x.score());
            ins.setInt(8, x.targets());
            ins.setDouble(9, x.iouSum());
            ins.setDouble(10, x.intersection());
            ins.setDouble(11, x.union());
            ins.setString(12, x.chosen());
            ins.addBatch();
            if (i % 1000 == 999) {
              ins.executeBatch();
            }
          }
          ins.executeBatch();
        }
      }
      c.commit();
    }
  }

  private static long count(HikariDataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql);
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Copies the entry folders of the repository's submissions/ (not its README or schema). */
  private static void copyEntries(Path from, Path to) throws IOException {
    try (Stream<Path> entries = Files.list(from)) {
      for (Path e : entries.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(e)) {
          for (Path f : files.toList()) {
            Path target = to.resolve(from.relativize(f).toString());
            if (Files.isDirectory(f)) {
              Files.createDirectories(target);
            } else {
              Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
          }
        }
      }
    }
  }

  private static URI awaitUrl(Process server, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher m = URL.matcher(text);
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "the server exited (" + server.exitValue() + ") before serving:\n" + tail(text));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the server did not start within 180 s; see " + log);
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
  }

  /** Reads -Xlog:gc lines such as {@code Pause Young (Normal) (G1 ...) 24M->5M(258M) 3.456ms}. */
  static Heap heap(Path gcLog, long rssMb) throws IOException {
    long peak = 0;
    long live = 0;
    long committed = 0;
    int n = 0;
    double pause = 0;
    if (Files.exists(gcLog)) {
      for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
        Matcher m = GC.matcher(line);
        if (m.find()) {
          n++;
          peak = Math.max(peak, mb(m.group(1), m.group(2)));
          live = Math.max(live, mb(m.group(3), m.group(4)));
          committed = Math.max(committed, mb(m.group(5), m.group(6)));
          pause += Double.parseDouble(m.group(7));
        }
      }
    }
    return new Heap(peak, live, committed, n, pause, rssMb);
  }

  private static long mb(String v, String unit) {
    long x = Long.parseLong(v);
    return switch (unit) {
      case "K" -> x >> 10;
      case "G" -> x << 10;
      default -> x;
    };
  }

  /** A live process's peak resident memory (VmHWM of /proc, Linux only); -1 when unknown. */
  private static long peakRssMb(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone: unknown
    }
    return -1;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
