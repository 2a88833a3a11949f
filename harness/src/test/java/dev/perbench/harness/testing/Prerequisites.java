package dev.perbench.harness.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools outside the JVM that some tests need (Python 3 and its modules). Where one is missing, a
 * test is skipped on a developer's machine but fails in CI (environment variable {@code CI} is
 * {@code true}), with a message saying what to install: CI installs them (.ci/run), so a skip there
 * would only hide a broken setup.
 *
 * <p>Python is looked for as {@code $PERBENCH_PYTHON} when that is set (and then only there), else
 * as {@code /usr/bin/python3} (Debian's, where .ci/run installs python3-numpy and python3-pil),
 * then as {@code python3} on the PATH; the first that imports the modules a test needs is used.
 */
public final class Prerequisites {
  /** Debian packages of the Python modules tests import. */
  private static final Map<String, String> DEBIAN =
      Map.of("numpy", "python3-numpy", "PIL", "python3-pil");

  private Prerequisites() {}

  /** Whether this is a CI build: the environment variable CI is "true". */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * A missing prerequisite: fails the test in CI, skips it elsewhere.
   *
   * @param what what is missing and what for
   * @param debianPackages the Debian packages that provide it
   */
  public static void missing(String what, String debianPackages) {
    String message =
        what
            + "; to install: `apt-get install -y --no-install-recommends "
            + debianPackages
            + "` (as .ci/run does), or set PERBENCH_PYTHON to a Python 3 that has what is missing";
    if (inCi()) {
      Assertions.fail("CI=true, so this test may not be skipped: " + message);
    }
    Assumptions.abort(message);
  }

  /**
   * The command of a Python 3 that can import {@code modules} (none: any Python 3); where there is
   * none, {@link #missing} (a failure in CI, else a skip).
   */
  public static String python(String... modules) {
    Optional<String> found = findPython(modules);
    if (found.isPresent()) {
      return found.get();
    }
    Set<String> packages = new LinkedHashSet<>(List.of("python3"));
    for (String m : modules) {
      packages.add(DEBIAN.getOrDefault(m, "python3-" + m.toLowerCase(Locale.ROOT)));
    }
    missing(
        "no Python 3"
            + (modules.length == 0 ? "" : " with " + String.join(", ", modules))
            + " found (tried "
            + String.join(", ", candidates())
            + ")",
        String.join(" ", packages));
    throw new AssertionError("unreachable");
  }

  /** The first candidate Python 3 that can import {@code modules}, if any. */
  public static Optional<String> findPython(String... modules) {
    String check =
        "import sys"
            + (modules.length == 0 ? "" : ", " + String.join(", ", modules))
            + "; sys.exit(0 if sys.version_info[0] == 3 else 1)";
    for (String python : candidates()) {
      if (runs(python, "-c", check)) {
        return Optional.of(python);
      }
    }
    return Optional.empty();
  }

  private static List<String> candidates() {
    String chosen = System.getenv("PERBENCH_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      return List.of(chosen);
    }
    List<String> out = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      out.add("/usr/bin/python3");
    }
    out.add("python3");
    return out;
  }

  private static boolean runs(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
