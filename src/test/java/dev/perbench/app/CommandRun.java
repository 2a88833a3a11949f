package dev.perbench.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process and captures what it prints. */
record CommandRun(int exitCode, String out, String err) {
  static CommandRun of(String... args) {
    return withEnv(System.getenv(), args);
  }

  /** With {@code env} as the environment the commands read (a JVM cannot set its own). */
  static CommandRun withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
