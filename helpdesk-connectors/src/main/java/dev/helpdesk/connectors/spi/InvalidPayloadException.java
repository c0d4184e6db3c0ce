package dev.helpdesk.connectors.spi;

/**
 * A channel payload that cannot become a message. {@code malformed} means it is not even
 * syntactically valid (bad JSON, broken MIME); otherwise it parsed but breaks a rule (a required
 * field is missing). The text names the problem precisely; it is shown to the sender.
 */
public class InvalidPayloadException extends RuntimeException {
  private final boolean malformed;

  public InvalidPayloadException(String message, boolean malformed) {
    super(message);
    this.malformed = malformed;
  }

  public boolean isMalformed() {
    return malformed;
  }
}
