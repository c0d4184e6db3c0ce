package dev.helpdesk.connectors.social;

import dev.helpdesk.connectors.spi.DeliveryException;
import dev.helpdesk.connectors.spi.DeliveryReceipt;
import java.util.ArrayList;
import java.util.List;

/** Splitting a reply into the pieces a network takes in one message. */
public final class Texts {
  private Texts() {}

  /**
   * The text in pieces of at most {@code max} characters, cut at the last line break or space
   * before the limit where there is one, never inside a surrogate pair; one empty piece for an
   * empty text.
   */
  public static List<String> split(String text, int max) {
    List<String> parts = new ArrayList<>();
    String rest = text == null ? "" : text.strip();
    while (rest.length() > max) {
      int cut = Math.max(rest.lastIndexOf('\n', max), rest.lastIndexOf(' ', max));
      if (cut < max / 2) {
        cut = Character.isHighSurrogate(rest.charAt(max - 1)) ? max - 1 : max;
      }
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    parts.add(rest);
    return parts;
  }

  /** Sends one piece of a reply and answers the network's id for it. */
  @FunctionalInterface
  public interface PieceSender {
    String send(String piece) throws DeliveryException;
  }

  /**
   * Sends the text in pieces a network takes (see {@link #split}); the reply is known by the first
   * piece's id.
   */
  public static DeliveryReceipt sendInPieces(String text, int max, PieceSender sender)
      throws DeliveryException {
    String first = null;
    for (String piece : split(text, max)) {
      String id = sender.send(piece);
      first = first == null ? id : first;
    }
    return new DeliveryReceipt(first);
  }
}
