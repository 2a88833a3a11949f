package dev.perbench.web;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.harness.io.PredictionJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sample browser's service: pages of an entry's scored samples, joined with what the benchmark
 * asked (the expression, the options, the references) when its data is installed here.
 */
public final class SampleBrowser {
  private final SampleResults results;
  private final BenchmarkData data;

  public SampleBrowser(SampleResults results, BenchmarkData data) {
    this.results = results;
    this.data = data;
  }

  /**
   * A page; empty when the entry has no per-sample results on the benchmark that the viewer may
   * see.
   */
  public Optional<SamplePage> page(String entry, SampleQuery query, Viewer viewer) {
    List<String> tasks = results.tasks(entry, query.bench(), viewer);
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    SampleQuery q =
        query.task() == null || !tasks.contains(query.task())
            ? query.withTask(tasks.get(0))
            : query;
    if (query.task() != null && !tasks.contains(query.task())) {
      return Optional.empty();
    }
    SampleResults.Page page = results.page(entry, q, viewer);
    List<SampleView> views = page.rows().stream().map(r -> view(q.bench(), r)).toList();
    int pages = Math.max(1, (page.total() + SampleQuery.PAGE_SIZE - 1) / SampleQuery.PAGE_SIZE);
    return Optional.of(new SamplePage(entry, q, tasks, views, page.total(), pages));
  }

  private SampleView view(String bench, StoredSample r) {
    Optional<Sample> sample = data.sample(bench, r.score().sampleId());
    String text = sample.map(Sample::text).orElse("");
    Map<String, String> options = Map.of();
    String correct = null;
    List<String> references = List.of();
    if (sample.isPresent()) {
      Target target = sample.get().target();
      if (target instanceof Target.Choice c) {
        options = new TreeMap<>(c.options());
        correct = c.correctLetter();
      } else if (target instanceof Target.Descriptions d) {
        references = d.references();
      }
    }
    return new SampleView(
        r.seq(),
        r.score(),
        answer(r.predictionJson()),
        r.vs(),
        answer(r.vsPredictionJson()),
        text,
        options,
        correct,
        references);
  }

  private static String answer(String predictionJson) {
    return predictionJson == null ? null : PredictionJson.read(predictionJson).text();
  }
}
