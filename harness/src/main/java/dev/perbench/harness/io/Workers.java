package dev.perbench.harness.io;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the pools that work through a line file in batches share ({@code mask eval}'s scoring, a
 * prediction file's validation): daemon threads, and a batch's result with whatever its worker
 * threw rethrown as a single thread would have thrown it.
 */
public final class Workers {
  private Workers() {}

  /** Daemon threads named {@code name-1, name-2, ...}: a worker never keeps the JVM alive. */
  public static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The batch's result; a runtime exception or error of its worker is thrown as it is.
   *
   * @param doing what the caller is doing, for the message when it is interrupted
   */
  public static <T> T join(Future<T> future, String doing) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }
}
