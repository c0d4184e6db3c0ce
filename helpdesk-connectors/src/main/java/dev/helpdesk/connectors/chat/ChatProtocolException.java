package dev.helpdesk.connectors.chat;

/**
 * A frame the server cannot accept. It becomes an {@code error} frame with {@link #code()}; the
 * connection stays open.
 */
public class ChatProtocolException extends RuntimeException {
  private final String code;
  private final String key;

  public ChatProtocolException(String code, String message) {
    this(code, message, null);
  }

  public ChatProtocolException(String code, String message, String key) {
    super(message);
    this.code = code;
    this.key = key;
  }

  /** Machine-readable reason: malformed, unknown-type, invalid, too-long, rate-limited, … */
  public String code() {
    return code;
  }

  /** The idempotency key of the send it answers, or null. */
  public String key() {
    return key;
  }
}
