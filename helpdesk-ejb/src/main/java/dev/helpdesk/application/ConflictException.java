package dev.helpdesk.application;

import jakarta.ejb.ApplicationException;

/** The request clashes with the current state (HTTP 409): a duplicate login, a closed ticket. */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
