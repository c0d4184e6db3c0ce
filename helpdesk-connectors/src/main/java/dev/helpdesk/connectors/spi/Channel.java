package dev.helpdesk.connectors.spi;

import java.util.Locale;

/** The channels a message can arrive on or leave by. */
public enum Channel {
  API,
  EMAIL,
  CHAT,
  MESSENGER,
  INSTAGRAM,
  WHATSAPP,
  TELEGRAM,
  X;

  /** Parses a channel name case-insensitively; {@code null} when unknown. */
  public static Channel parse(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
