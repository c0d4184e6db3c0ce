package dev.helpdesk.application;

/**
 * Hands a stored outbound message to the delivery worker. Enqueuing is part of the caller's
 * transaction: a rollback sends nothing, a commit guarantees delivery is attempted.
 */
public interface OutboundQueue {
  void enqueue(long messageId, long delayMillis);
}
