package dev.helpdesk.connectors.spi;

import java.util.Objects;

/** An attachment as received; {@code contentId} is set for inline (cid:) parts. */
public record InboundAttachment(
    String filename, String contentType, byte[] data, String contentId) {
  public InboundAttachment {
    Objects.requireNonNull(data, "data");
    if (filename == null || filename.isBlank()) {
      filename = "attachment";
    }
    if (contentType == null || contentType.isBlank()) {
      contentType = "application/octet-stream";
    }
  }
}
