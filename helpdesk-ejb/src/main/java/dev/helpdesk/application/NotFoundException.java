package dev.helpdesk.application;

import jakarta.ejb.ApplicationException;

/** The thing asked for does not exist (HTTP 404). */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {
  public NotFoundException(String what, Object id) {
    super(what + " " + id + " does not exist");
  }
}
