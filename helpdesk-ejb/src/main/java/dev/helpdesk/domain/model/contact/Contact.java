package dev.helpdesk.domain.model.contact;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A shopper, known by one or more identities (e-mail, phone, social ids, chat visitor ids). */
@Entity
@Table(name = "contact")
public class Contact {
  @Id
  @GeneratedValue(generator = "contact_seq")
  @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
  private Long id;

  private String name;

  @Column(name = "preferred_language")
  private String preferredLanguage;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @OneToMany(mappedBy = "contact", cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<ContactIdentity> identities = new ArrayList<>();

  /** Marked by staff; routing rules may treat VIPs first. */
  @Column(nullable = false)
  private boolean vip;

  @Version private long version;

  protected Contact() {}

  public Contact(String name) {
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPreferredLanguage() {
    return preferredLanguage;
  }

  public void setPreferredLanguage(String preferredLanguage) {
    this.preferredLanguage = preferredLanguage;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public List<ContactIdentity> getIdentities() {
    return identities;
  }

  public boolean isVip() {
    return vip;
  }

  public void setVip(boolean vip) {
    this.vip = vip;
  }
}
