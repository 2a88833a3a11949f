package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split rules against a table worked out by hand from the reference tools' code ({@code
 * refcoco_refer.py} and {@code grefcoco_refer.py} getRefIds), on refs whose splits are train, val,
 * testA, testB, testAB, testC, test (refs 0 to 6).
 */
class SplitRuleTest {
  static final List<String> SPLITS =
      List.of("train", "val", "testA", "testB", "testAB", "testC", "test");

  /** refer.py: query -> indices of the refs selected. */
  static final Map<String, List<Integer>> REFER =
      Map.of(
          "train", List.of(0),
          "val", List.of(1),
          "testA", List.of(2, 4), // split[-1] in ref['split']: 'A' is in "testAB"
          "testB", List.of(3, 4),
          "testC", List.of(5),
          "testAB", List.of(4),
          "testBC", List.of(),
          "testAC", List.of(),
          "test", List.of(2, 3, 4, 5, 6)); // 'test' in ref['split']

  /** grefer.py: exact match. */
  static final Map<String, List<Integer>> GREFER =
      Map.of(
          "train",
          List.of(0),
          "val",
          List.of(1),
          "testA",
          List.of(2),
          "testB",
          List.of(3),
          "testAB",
          List.of(4),
          "testC",
          List.of(5),
          "test",
          List.of(6));

  @TestFactory
  @DisplayName("refer.py's rules select the refs of the hand-made table")
  Stream<DynamicTest> referTable() {
    return REFER.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () ->
                        assertEquals(
                            e.getValue(), selected(SplitRule.of(e.getKey(), false, SPLITS)))));
  }

  @TestFactory
  @DisplayName("grefer.py's rule selects exactly the named split")
  Stream<DynamicTest> greferTable() {
    return GREFER.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () ->
                        assertEquals(
                            e.getValue(), selected(SplitRule.of(e.getKey(), true, SPLITS)))));
  }

  @Test
  @DisplayName("names refer.py does not know are refused with the splits present listed")
  void referUnknown() {
    for (String name : List.of("", "Test", "testD", "validation", "TESTA")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SplitRule.of(name, false, SPLITS));
      assertTrue(
          e.getMessage()
              .contains("splits present: train, val, testA, testB, testAB, testC," + " test"),
          e.getMessage());
    }
  }

  @Test
  @DisplayName("a gRefCOCO split absent from the file is refused with the splits present listed")
  void greferUnknown() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SplitRule.of("testB", true, List.of("train", "val")));
    assertEquals("no split 'testB'; splits present: train, val", e.getMessage());
  }

  @Test
  @DisplayName(
      "through a refs pickle: counts per query follow the table, and a query selecting"
          + " nothing is an error")
  void throughRefsFile(@TempDir Path dir) {
    TinyRefer data = new TinyRefer(dir, false);
    data.refs().clear();
    for (int i = 0; i < SPLITS.size(); i++) {
      data.addRef(i, 1, 1, SPLITS.get(i), 100 + 10 * i, 100 + 10 * i + 1);
    }
    ReferRefs refs = ReferRefs.read(data.write());
    assertEquals(SPLITS, refs.splits());
    REFER.forEach(
        (query, selected) -> {
          if (selected.isEmpty()) {
            IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> refs.countRefs(query));
            assertTrue(
                e.getMessage().contains("split '" + query + "' selects no refs"), e.getMessage());
          } else {
            assertEquals(selected.size(), refs.countRefs(query), query);
            assertEquals(2 * selected.size(), refs.countSentences(query), query);
          }
        });
  }

  private static List<Integer> selected(Predicate<String> rule) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < SPLITS.size(); i++) {
      if (rule.test(SPLITS.get(i))) {
        out.add(i);
      }
    }
    return out;
  }
}
