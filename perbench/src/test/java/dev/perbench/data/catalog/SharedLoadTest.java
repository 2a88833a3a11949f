package dev.perbench.data.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several splits of one refer dataset loaded together ({@link BenchmarkLoader#loadAll}, {@link
 * DataVerifier#verifyAll}): the committed RefCOCO fixture installed under a data root.
 */
class SharedLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private DataRoots roots;
  private Path instances;
  private Path refs;

  @BeforeEach
  void install() throws IOException, URISyntaxException {
    Path fixture = Path.of(SharedLoadTest.class.getResource("/refer/refcoco").toURI());
    Path dataset = Files.createDirectories(root.resolve("refcoco"));
    refs = Files.copy(fixture.resolve("refs(unc).p"), dataset.resolve("refs(unc).p"));
    instances = Files.copy(fixture.resolve("instances.json"), dataset.resolve("instances.json"));
    roots = new DataRoots(root, Path.of("..").toAbsolutePath().normalize());
  }

  private static List<BenchmarkSpec> specs(String... ids) {
    List<BenchmarkSpec> specs = new ArrayList<>();
    for (String id : ids) {
      specs.addAll(BenchmarkCatalog.resolve(id));
    }
    return specs;
  }

  @Test
  @DisplayName("loadAll gives each split's samples, in order, as loading it alone does")
  void sameSamplesAsEachAlone() {
    List<BenchmarkSpec> specs = specs("refcoco:testB", "perbench-mini", "refcoco:val", "refcoco");
    List<LoadedSplit> together = BenchmarkLoader.loadAll(specs, roots);
    assertEquals(specs.size(), together.size());
    for (int i = 0; i < specs.size(); i++) {
      LoadedSplit alone = BenchmarkLoader.load(specs.get(i), roots);
      assertEquals(alone.benchmarkId(), together.get(i).benchmarkId());
      assertEquals(alone.samples(), together.get(i).samples(), specs.get(i).id());
      assertEquals(alone.files(), together.get(i).files(), specs.get(i).id());
    }
  }

  @Test
  @DisplayName("the refer splits of one dataset come from one read of each file")
  void oneReadPerFile() {
    List<LoadedSplit> together = BenchmarkLoader.loadAll(specs("refcoco"), roots);
    // Each read makes its own DataFile (hashed in that read): one instance means one read.
    for (LoadedSplit split : together) {
      assertSame(together.get(0).files().get(0), split.files().get(0));
      assertSame(together.get(0).files().get(1), split.files().get(1));
    }
  }

  @Test
  @DisplayName("the process reads instances.json once for three splits, not three times")
  void instancesJsonBytesReadOnce() throws IOException {
    Path io = Path.of("/proc/self/io");
    assumeTrue(Files.isReadable(io), "needs Linux's per-process read counter");
    // Padding no loader keeps makes the file big enough to see over the process's other reads.
    ObjectNode json = (ObjectNode) JSON.readTree(instances.toFile());
    json.put("padding", "x".repeat(8 << 20));
    JSON.writeValue(instances.toFile(), json);
    long size = Files.size(instances);
    List<BenchmarkSpec> specs = specs("refcoco");
    BenchmarkLoader.loadAll(specs, roots); // classes loaded, files in the page cache

    long before = readBytes(io);
    BenchmarkLoader.loadAll(specs, roots);
    long together = readBytes(io) - before;
    before = readBytes(io);
    for (BenchmarkSpec spec : specs) {
      BenchmarkLoader.load(spec, roots);
    }
    long apart = readBytes(io) - before;

    assertTrue(together >= size && together < 1.5 * size, together + " bytes read, file " + size);
    assertTrue(apart >= 3 * size, "the counter sees every read: " + apart + " bytes apart");
  }

  /** Bytes the process has read through read(2) and similar calls, from any file. */
  private static long readBytes(Path io) throws IOException {
    for (String line : Files.readAllLines(io)) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IllegalStateException("no rchar in " + io);
  }

  @Test
  @DisplayName(
      "a fault in one split's records names the file and ref; verifyAll still gives each split"
          + " the verdict verify gives it alone")
  void faultInOneSplit() throws IOException {
    removeTestBImage();

    DataFormatException e =
        assertThrows(
            DataFormatException.class, () -> BenchmarkLoader.loadAll(specs("refcoco"), roots));
    assertEquals(refs, e.file());
    assertTrue(
        e.getMessage().matches("(?s).*ref_id \\d+: image_id \\d+ is not among the images of .*"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(instances.toString()), e.getMessage());

    List<Verification> together = new ArrayList<>();
    DataVerifier.verifyAll(specs("refcoco"), roots, together::add);
    List<Verification> alone =
        specs("refcoco").stream().map(s -> DataVerifier.verify(s, roots)).toList();
    assertEquals(alone, together);
    assertEquals(Verification.Status.INVALID, together.get(2).status());
    assertTrue(together.get(2).problems().get(0).startsWith(refs + ": ref_id "));
    for (int i = 0; i < 2; i++) {
      assertTrue(together.get(i).problems().stream().noneMatch(p -> p.contains("ref_id")));
    }
  }

  /** Takes away an image of testB's that no other split uses (the fixture's splits share some). */
  private void removeTestBImage() throws IOException {
    Set<String> others = new HashSet<>();
    for (LoadedSplit split :
        BenchmarkLoader.loadAll(specs("refcoco:val", "refcoco:testA"), roots)) {
      split.samples().forEach(x -> others.add(x.image().name()));
    }
    String fileName =
        BenchmarkLoader.load(specs("refcoco:testB").get(0), roots).samples().stream()
            .map(x -> x.image().name())
            .filter(n -> !others.contains(n))
            .findFirst()
            .orElseThrow();
    ObjectNode json = (ObjectNode) JSON.readTree(instances.toFile());
    ArrayNode images = (ArrayNode) json.get("images");
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i).get("file_name").asText().equals(fileName)) {
        images.remove(i);
        break;
      }
    }
    JSON.writeValue(instances.toFile(), json);
  }

  @Test
  @DisplayName("verifyAll reports in the order given, missing datasets included")
  void verifyAllOrder() {
    List<BenchmarkSpec> specs = specs("refcoco:testB", "refcoco+:val", "refcoco:val");
    List<Verification> together = new ArrayList<>();
    DataVerifier.verifyAll(specs, roots, together::add);
    assertEquals(
        specs.stream().map(BenchmarkSpec::id).toList(),
        together.stream().map(v -> v.spec().id()).toList());
    assertEquals(Verification.Status.NOT_INSTALLED, together.get(1).status());
    for (int i = 0; i < specs.size(); i++) {
      assertEquals(DataVerifier.verify(specs.get(i), roots), together.get(i));
    }
  }

  @Test
  @DisplayName("SplitCache loads the expected splits of a dataset together, on first use")
  void splitCacheSharesTheRead() {
    SplitCache cache = new SplitCache(roots, specs("refcoco:testB", "perbench-mini", "refcoco"));
    LoadedSplit val = cache.get(specs("refcoco:val").get(0));
    LoadedSplit testB = cache.get(specs("refcoco:testB").get(0));
    assertSame(val.files().get(1), testB.files().get(1)); // one read of instances.json
    assertSame(testB, cache.get(specs("refcoco:testB").get(0)));
    for (BenchmarkSpec spec : specs("refcoco", "perbench-mini")) {
      assertEquals(BenchmarkLoader.load(spec, roots).samples(), cache.get(spec).samples());
    }
    // A split nobody said would be needed is loaded too, alone.
    BenchmarkSpec unexpected = specs("refcoco:val").get(0);
    assertEquals("refcoco:val", new SplitCache(roots, List.of()).get(unexpected).benchmarkId());
  }

  @Test
  @DisplayName("SplitCache: a fault in one split fails that split alone, with its own message")
  void splitCacheFault() throws IOException {
    removeTestBImage();
    SplitCache cache = new SplitCache(roots, specs("refcoco"));
    assertEquals(
        BenchmarkLoader.load(specs("refcoco:val").get(0), roots).samples(),
        cache.get(specs("refcoco:val").get(0)).samples());
    DataFormatException first =
        assertThrows(DataFormatException.class, () -> cache.get(specs("refcoco:testB").get(0)));
    DataFormatException again =
        assertThrows(DataFormatException.class, () -> cache.get(specs("refcoco:testB").get(0)));
    assertEquals(refs, first.file());
    assertSame(first, again);
    assertTrue(first.getMessage().contains("is not among the images of " + instances));
  }
}
