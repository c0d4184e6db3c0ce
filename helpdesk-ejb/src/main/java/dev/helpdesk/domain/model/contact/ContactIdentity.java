package dev.helpdesk.domain.model.contact;

import dev.helpdesk.connectors.spi.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** One way to reach a contact; (kind, value) is unique, so an identity belongs to one contact. */
@Entity
@Table(
    name = "contact_identity",
    uniqueConstraints = @UniqueConstraint(columnNames = {"identity_value", "kind"}))
public class ContactIdentity {
  @Id
  @GeneratedValue(generator = "contact_identity_seq")
  @SequenceGenerator(
      name = "contact_identity_seq",
      sequenceName = "contact_identity_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "contact_id")
  private Contact contact;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private IdentityKind kind;

  @Column(name = "identity_value", nullable = false)
  private String value;

  protected ContactIdentity() {}

  public ContactIdentity(Contact contact, IdentityKind kind, String value) {
    this.contact = contact;
    this.kind = kind;
    this.value = value;
  }

  public Long getId() {
    return id;
  }

  public Contact getContact() {
    return contact;
  }

  public IdentityKind getKind() {
    return kind;
  }

  public String getValue() {
    return value;
  }
}
