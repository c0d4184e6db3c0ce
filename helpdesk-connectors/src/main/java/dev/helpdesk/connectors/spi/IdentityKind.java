package dev.helpdesk.connectors.spi;

/** How a sender is identified on a channel; together with the value it matches a Contact. */
public enum IdentityKind {
  EMAIL,
  PHONE,
  /** A social network's user id, prefixed by the network (e.g. {@code messenger:1234}). */
  SOCIAL,
  /** A chat widget visitor id. */
  VISITOR,
  /** An id in an integrating system (API channel). */
  EXTERNAL
}
