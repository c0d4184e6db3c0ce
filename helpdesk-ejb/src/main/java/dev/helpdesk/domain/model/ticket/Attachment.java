package dev.helpdesk.domain.model.ticket;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * File content, stored once per SHA-256 however many messages carry it. Immutable, so Hibernate
 * never compares its bytes at flush time.
 */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "attachment")
public class Attachment {
  @Id
  @GeneratedValue(generator = "attachment_seq")
  @SequenceGenerator(name = "attachment_seq", sequenceName = "attachment_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false, unique = true)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false)
  private byte[] data;

  protected Attachment() {}

  public Attachment(String sha256, byte[] data) {
    this.sha256 = sha256;
    this.size = data.length;
    this.data = data;
  }

  public Long getId() {
    return id;
  }

  public String getSha256() {
    return sha256;
  }

  public long getSize() {
    return size;
  }

  public byte[] getData() {
    return data;
  }
}
