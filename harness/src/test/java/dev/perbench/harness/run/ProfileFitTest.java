package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.score.EvalProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A model server that merges its res masks cannot be scored as the authors score. */
class ProfileFitTest {
  private static final Set<Task> REFCOCO = Set.of(Task.RES);
  private static final Set<Task> PERBENCH = Set.of(Task.VRES, Task.MCQ, Task.CAPTION);

  private static ModelInfo server(String resMasks) {
    return new ModelInfo(
        "sa2va-4b",
        "1",
        List.of(Task.RES),
        resMasks == null ? Map.of() : Map.of("res_masks", resMasks));
  }

  private static ModelInfo cleaning(String rule) {
    return new ModelInfo("sa2va-4b", "1", List.of(Task.CAPTION), Map.of("text_cleanup", rule));
  }

  @Test
  void pixelSailRefusesAServerThatCleansTextOtherThanTheAuthorsWhereTextIsScored() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Runs.requireFitsProfile(cleaning("end-markers"), EvalProfile.PIXEL_SAIL, PERBENCH));
    assertTrue(e.getMessage().contains("restart it with --text-cleanup authors"), e.getMessage());
    assertDoesNotThrow(
        () -> Runs.requireFitsProfile(cleaning("authors"), EvalProfile.PIXEL_SAIL, PERBENCH));
    // RefCOCO has no text to score
    assertDoesNotThrow(
        () -> Runs.requireFitsProfile(cleaning("end-markers"), EvalProfile.PIXEL_SAIL, REFCOCO));
    assertDoesNotThrow(
        () -> Runs.requireFitsProfile(cleaning("end-markers"), EvalProfile.STANDARD, PERBENCH));
  }

  @Test
  void pixelSailRefusesAServerThatMergesItsMasks() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> Runs.requireFitsProfile(server("merge"), EvalProfile.PIXEL_SAIL, REFCOCO));
    assertTrue(e.getMessage().contains("restart it with --res-masks first"), e.getMessage());
    assertTrue(e.getMessage().contains("\"res_masks\": \"merge\""), e.getMessage());
  }

  @Test
  void pixelSailTakesAServerThatSendsTheFirstMaskOrSaysNothing() {
    assertDoesNotThrow(
        () -> Runs.requireFitsProfile(server("first"), EvalProfile.PIXEL_SAIL, REFCOCO));
    assertDoesNotThrow(
        () -> Runs.requireFitsProfile(server(null), EvalProfile.PIXEL_SAIL, REFCOCO));
  }

  @Test
  void theOtherProfilesMergeMasksThemselvesAndTakeEitherServer() {
    for (EvalProfile p :
        List.of(EvalProfile.STANDARD, EvalProfile.PYCOCOTOOLS, EvalProfile.GREFCOCO)) {
      assertDoesNotThrow(() -> Runs.requireFitsProfile(server("merge"), p, REFCOCO));
    }
  }
}
