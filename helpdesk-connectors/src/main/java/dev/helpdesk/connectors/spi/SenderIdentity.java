package dev.helpdesk.connectors.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * Who sent a message, as the channel knows them. E-mail addresses are lower-cased so that the same
 * shopper is one contact whatever the case of their address.
 */
public record SenderIdentity(IdentityKind kind, String value, String displayName) {
  public SenderIdentity {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    value = value.trim();
    if (kind == IdentityKind.EMAIL) {
      value = value.toLowerCase(Locale.ROOT);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("sender identity value is empty");
    }
  }
}
