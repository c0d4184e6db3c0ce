package dev.helpdesk.connectors.email;

/** A mail that cannot become a message (no sender, unreadable structure); it is quarantined. */
public class MalformedEmailException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedEmailException(String message) {
    super(message);
  }

  public MalformedEmailException(String message, Throwable cause) {
    super(message, cause);
  }
}
