package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.InvalidPayloadException;
import dev.helpdesk.domain.model.ticket.Attachment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Stores attachment content once per SHA-256, refusing files over the size limit. */
@ApplicationScoped
public class AttachmentStore {
  /** Per-file limit, {@code helpdesk.attachments.max-bytes} (default 25 MiB). */
  static final long MAX_BYTES = Long.getLong("helpdesk.attachments.max-bytes", 25L * 1024 * 1024);

  @PersistenceContext EntityManager em;

  public Attachment store(byte[] data) {
    if (data.length > MAX_BYTES) {
      throw new InvalidPayloadException(
          "attachment of " + data.length + " bytes is over the limit of " + MAX_BYTES + " bytes",
          false);
    }
    String sha = sha256(data);
    List<Long> found =
        em.createQuery("select a.id from Attachment a where a.sha256 = :h", Long.class)
            .setParameter("h", sha)
            .getResultList();
    if (!found.isEmpty()) {
      return em.getReference(Attachment.class, found.get(0)); // its bytes stay in the database
    }
    Attachment a = new Attachment(sha, data);
    em.persist(a);
    return a;
  }

  /** Stores the content when it is within the limit; returns null (and keeps nothing) otherwise. */
  public Attachment storeWithinLimit(byte[] data) {
    return data.length > MAX_BYTES ? null : store(data);
  }

  /** As {@link #storeWithinLimit(byte[])}, for a batch that has looked its files up already. */
  public Attachment storeWithinLimit(byte[] data, Map<String, Attachment> files) {
    return data.length > MAX_BYTES ? null : store(data, files);
  }

  /**
   * As {@link #store(byte[])}, without a query: {@code files} maps every SHA-256 the batch looked
   * up to its stored attachment (null: not stored yet), and learns the ones stored here.
   */
  public Attachment store(byte[] data, Map<String, Attachment> files) {
    String sha = sha256(data);
    if (data.length > MAX_BYTES || !files.containsKey(sha)) {
      return store(data); // refuses with the usual message, or looks it up after all
    }
    Attachment known = files.get(sha);
    if (known == null) {
      known = new Attachment(sha, data);
      em.persist(known);
      files.put(sha, known);
    }
    return known;
  }

  public static long maxBytes() {
    return MAX_BYTES;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
