package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The website does not carry DJL or the 111 MB libtorch jar: neither is on this module's class path
 * (which holds everything the web module depends on, tests included).
 */
class NoLibtorchTest {
  @Test
  void djlIsNotOnTheClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.Model"));
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("ai.djl.pytorch.engine.PtEngine"));
  }

  @Test
  void theHarnessIsOnTheClassPath() throws ClassNotFoundException {
    // The check above is meaningful only if the class path is the real one.
    Class.forName("dev.perbench.harness.run.Runs");
  }
}
