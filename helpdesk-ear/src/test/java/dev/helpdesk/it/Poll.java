package dev.helpdesk.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for asynchronous work (the outbound queue) to show its result, up to 30 seconds. */
public final class Poll {
  private Poll() {}

  public static <T> T until(Supplier<T> read, Predicate<T> done, String what) {
    return until(read, done, what, Duration.ofSeconds(30));
  }

  public static <T> T until(Supplier<T> read, Predicate<T> done, String what, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    T last = read.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = read.get();
    }
    return last;
  }
}
