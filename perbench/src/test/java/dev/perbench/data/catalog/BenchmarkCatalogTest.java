package dev.perbench.data.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkCatalogTest {
  @Test
  void aBareDatasetNameMeansItsStandardSplits() {
    assertEquals(
        List.of("refcoco:val", "refcoco:testA", "refcoco:testB"),
        BenchmarkCatalog.resolve("refcoco").stream().map(BenchmarkSpec::id).toList());
    assertEquals(
        List.of("refcocog:val", "refcocog:test"),
        BenchmarkCatalog.resolve("refcocog").stream().map(BenchmarkSpec::id).toList());
    assertEquals(
        List.of("perbench-mini"),
        BenchmarkCatalog.resolve("perbench-mini").stream().map(BenchmarkSpec::id).toList());
  }

  @Test
  void anUnknownIdListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BenchmarkCatalog.resolve("refcoco:train"));
    assertTrue(
        e.getMessage().contains("known: perbench, perbench-mini, refcoco:val"), e.getMessage());
  }

  @Test
  void theStandardCountsAreThePublishedOnes() {
    assertEquals(10834, BenchmarkCatalog.resolve("refcoco:val").get(0).publishedSamples());
    assertEquals(9602, BenchmarkCatalog.resolve("refcocog:test").get(0).publishedSamples());
    assertEquals(null, BenchmarkCatalog.resolve("grefcoco:val").get(0).publishedSamples());
  }

  @Test
  void theDataRootComesFromTheOptionThenTheEnvironmentThenTheHomeFolder() {
    assertEquals(
        Path.of("/a"), DataRoots.resolve(Path.of("/a"), Map.of("PERBENCH_DATA", "/b")).dataRoot());
    assertEquals(Path.of("/b"), DataRoots.resolve(null, Map.of("PERBENCH_DATA", "/b")).dataRoot());
    assertEquals(
        Path.of(System.getProperty("user.home"), ".perbench", "data"),
        DataRoots.resolve(null, Map.of()).dataRoot());
  }

  @Test
  void theBundledMiniBenchmarkLoadsWithAllFourTasks() {
    DataRoots roots =
        new DataRoots(Path.of("/nonexistent"), Path.of("..").toAbsolutePath().normalize());
    Verification v = DataVerifier.verify(BenchmarkCatalog.resolve("perbench-mini").get(0), roots);
    assertEquals(Verification.Status.OK, v.status(), v.problems().toString());
    assertEquals(
        Map.of(Task.CAPTION, 295, Task.MCQ, 300, Task.VRES, 291, Task.RES, 300), v.counts());
    assertEquals(List.of(), v.warnings());
    assertEquals(5, v.files().size());
  }
}
