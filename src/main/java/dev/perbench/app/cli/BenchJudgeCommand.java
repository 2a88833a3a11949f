package dev.perbench.app.cli;

import dev.perbench.bench.JudgeThroughput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench bench judge}: the harness's own cost of LLM judging. */
@Command(
    name = "judge",
    header = "Judgements per second and judge-cache lookups per second, each beside a baseline.",
    mixinStandardHelpOptions = true,
    description = {
      "Judge synthetic descriptions with the pairwise protocol against a zero-latency judge on",
      "loopback (a fresh persistent cache), beside bare chat calls of the same client at the same",
      "concurrency; then look every chat up in the cache, beside the same lookups in a hash map."
    })
public final class BenchJudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchReport report;

  @Option(
      names = "--samples",
      defaultValue = "20000",
      description = "Samples judged (two chats each) per measurement (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      description = "Requests in flight at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    Options.atLeast("--samples", samples, 1);
    Options.atLeast("--concurrency", concurrency, 1);
    report.start(spec);
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("perbench-bench-judge");
    try {
      JudgeThroughput.Result r = JudgeThroughput.measure(samples, concurrency, dir);
      out.printf(
          Locale.ROOT,
          "judging (pairwise, %,d samples, concurrency %d):%n"
              + "  %,10.0f judgements/s   baseline: %,10.0f bare chat calls/s (%,.0f samples/s at"
              + " 2 calls each); ratio %.2f%n"
              + "  %,d samples unparsed or failed (0 expected)%n"
              + "cache lookups:%n"
              + "  %,10.0f lookups/s       baseline: %,10.0f hash-map lookups/s; ratio %.3f%n",
          r.samples(),
          r.concurrency(),
          r.judgementsPerSecond(),
          r.callsPerSecond(),
          r.callsPerSecond() / 2,
          r.judgementsPerSecond() / (r.callsPerSecond() / 2),
          r.unparsedOrFailed(),
          r.lookupsPerSecond(),
          r.mapLookupsPerSecond(),
          r.lookupsPerSecond() / r.mapLookupsPerSecond());
      out.flush();
      report.finish(r);
      return r.unparsedOrFailed() == 0 ? 0 : 1;
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
