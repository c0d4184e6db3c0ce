package dev.helpdesk.connectors.spi;

/**
 * A send that did not go through. {@code permanent} failures (a rejected recipient, a 4xx from an
 * API) are not retried; others are retried with back-off.
 */
public class DeliveryException extends Exception {
  private final boolean permanent;

  public DeliveryException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
    this.permanent = false;
  }

  public boolean isPermanent() {
    return permanent;
  }
}
