package dev.helpdesk.application;

import jakarta.ejb.ApplicationException;

/** The thing asked for does not exist (HTTP 404). */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {
  /** The kind of thing that was not found ("ticket", "article", "chat widget"…). */
  private final String what;

  public NotFoundException(String what, Object id) {
    super(what + " " + id + " does not exist");
    this.what = what;
  }

  public String what() {
    return what;
  }
}
