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
import org.junit.jupiter.api.Test;

/** A model server that merges its res masks cannot be scored as the authors score. */
class ProfileFitTest {
  private static ModelInfo server(String resMasks) {
    return new ModelInfo(
        "sa2va-4b",
        "1",
        List.of(Task.RES),
        resMasks == null ? Map.of() : Map.of("res_masks", resMasks));
  }

  @Test
  void pixelSailRefusesAServerThatMergesItsMasks() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> Runs.requireFitsProfile(server("merge"), EvalProfile.PIXEL_SAIL));
    assertTrue(e.getMessage().contains("restart it with --res-masks first"), e.getMessage());
    assertTrue(e.getMessage().contains("\"res_masks\": \"merge\""), e.getMessage());
  }

  @Test
  void pixelSailTakesAServerThatSendsTheFirstMaskOrSaysNothing() {
    assertDoesNotThrow(() -> Runs.requireFitsProfile(server("first"), EvalProfile.PIXEL_SAIL));
    assertDoesNotThrow(() -> Runs.requireFitsProfile(server(null), EvalProfile.PIXEL_SAIL));
  }

  @Test
  void theOtherProfilesMergeMasksThemselvesAndTakeEitherServer() {
    for (EvalProfile p :
        List.of(EvalProfile.STANDARD, EvalProfile.PYCOCOTOOLS, EvalProfile.GREFCOCO)) {
      assertDoesNotThrow(() -> Runs.requireFitsProfile(server("merge"), p));
    }
  }
}
