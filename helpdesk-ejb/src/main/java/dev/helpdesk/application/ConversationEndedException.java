package dev.helpdesk.application;

import jakarta.ejb.ApplicationException;

/**
 * A chat message threaded onto a conversation whose ticket is closed: a chat conversation ends with
 * its ticket, so nothing is stored and the sender starts a new conversation (see {@link
 * ChatService#send}). Found by the ingest itself, which locks the ticket anyway: no query of its
 * own before every shopper message.
 */
@ApplicationException(rollback = true)
public class ConversationEndedException extends RuntimeException {
  public ConversationEndedException(long ticketId) {
    super("the conversation's ticket #" + ticketId + " is closed");
  }
}
