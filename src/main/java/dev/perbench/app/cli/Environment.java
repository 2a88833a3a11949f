package dev.perbench.app.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * The process environment as the commands read it: {@code System.getenv()} when perbench runs, a
 * map of the test's choosing in tests (a JVM cannot change its own environment). The command line's
 * factory hands it to every command and option class that reads it ({@link Reader}).
 */
public final class Environment {
  private Environment() {}

  /** A command or option class that reads the environment. */
  public interface Reader {
    void environment(Map<String, String> env);
  }

  /** Makes the command and option classes, giving each {@link Reader} {@code env}. */
  public static CommandLine.IFactory factory(Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    CommandLine.IFactory plain = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = plain.create(cls);
        if (made instanceof Reader r) {
          r.environment(copy);
        }
        return made;
      }
    };
  }
}
