package dev.perbench.bench;

import java.util.List;

/**
 * What a {@code perbench bench ... --json FILE} writes: the command that made it, the machine it
 * ran on, and the command's own figures as a typed record.
 *
 * @param command the command line as a user types it, starting with {@code bin/perbench}
 * @param machine the machine, JVM and commit the figures belong to
 * @param results the figures, one record type per command
 * @param <T> that record type
 */
public record BenchJson<T>(String command, MachineStamp machine, T results) {
  /** The command line {@code bin/perbench ARGS}, each argument quoted where a shell needs it. */
  public static String commandLine(List<String> args) {
    StringBuilder b = new StringBuilder("bin/perbench");
    for (String a : args) {
      b.append(' ')
          .append(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }
}
