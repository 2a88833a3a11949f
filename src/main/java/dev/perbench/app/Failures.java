package dev.perbench.app;

import dev.perbench.errors.ExternalFailureException;
import dev.perbench.errors.InputException;
import dev.perbench.harness.judge.JudgeRefusedException;
import dev.perbench.harness.model.ModelSpecException;
import dev.perbench.harness.model.ModelUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Where the command line maps every failure to an exit code and a message, once: the user's input
 * (exit 2, the message), the outside world (exit 1, the message), and everything else, which is a
 * bug (exit 1, the stack trace and a request to report it).
 */
final class Failures implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** What kind of failure {@code e} is. */
  enum Kind {
    INPUT,
    OUTSIDE,
    BUG
  }

  static Kind kind(Throwable e) {
    if (e instanceof CommandLine.ParameterException
        || e instanceof InputException
        || e instanceof ModelSpecException
        // a budget too small, or an endpoint refusing the key, URL or model: the user's to fix
        || e instanceof JudgeRefusedException) {
      return Kind.INPUT;
    }
    if (e instanceof ExternalFailureException
        || e instanceof ModelUnavailableException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      return Kind.OUTSIDE;
    }
    return Kind.BUG;
  }

  @Override
  public int getExitCode(Throwable e) {
    return kind(e) == Kind.INPUT ? USAGE : FAILED;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    cli.getOut().flush();
    if (kind(e) == Kind.BUG) {
      err.println("error: this is a bug in perbench, please report it with what follows:");
      e.printStackTrace(err);
    } else {
      err.println("error: " + e.getMessage());
    }
    err.flush();
    return getExitCode(e);
  }
}
