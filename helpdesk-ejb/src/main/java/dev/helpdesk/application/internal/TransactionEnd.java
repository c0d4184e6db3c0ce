package dev.helpdesk.application.internal;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Consumer;

/**
 * Work for when the current transaction ends: what other threads or the agents' screens must only
 * see once it has committed (realtime events, notices), and caches to drop again once its changes
 * are what everyone reads.
 */
public final class TransactionEnd {
  private TransactionEnd() {}

  /** Whether there is a transaction to wait for. */
  public static boolean active(TransactionSynchronizationRegistry registry) {
    return registry != null && registry.getTransactionKey() != null;
  }

  /** Runs {@code then(committed)} when the current transaction has ended. */
  public static void then(TransactionSynchronizationRegistry registry, Consumer<Boolean> then) {
    registry.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            then.accept(status == Status.STATUS_COMMITTED);
          }
        });
  }

  /** Runs {@code work} once the current transaction has committed (never after a rollback). */
  public static void onCommit(TransactionSynchronizationRegistry registry, Runnable work) {
    then(
        registry,
        committed -> {
          if (committed) {
            work.run();
          }
        });
  }

  /** Runs {@code work} now and, inside a transaction, again when it has ended. */
  public static void nowAndAtEnd(TransactionSynchronizationRegistry registry, Runnable work) {
    work.run();
    if (active(registry)) {
      then(registry, committed -> work.run());
    }
  }
}
