package dev.helpdesk.application;

import jakarta.ejb.ApplicationException;

/** The caller may not do this (HTTP 403). */
@ApplicationException(rollback = true)
public class AccessDeniedException extends RuntimeException {
  public AccessDeniedException(String message) {
    super(message);
  }
}
