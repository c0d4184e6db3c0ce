package dev.helpdesk.application;

import jakarta.ejb.ApplicationException;

/** Well-formed but invalid input (HTTP 422), naming the field at fault. */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {
  private final String field;

  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String getField() {
    return field;
  }
}
