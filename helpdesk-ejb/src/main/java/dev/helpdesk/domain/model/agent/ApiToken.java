package dev.helpdesk.domain.model.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An API token acting for its owner. Only a SHA-256 hash of the secret is stored: the secret is
 * shown once, when the token is made. A revoked token authenticates nobody.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {
  @Id
  @GeneratedValue(generator = "api_token_seq")
  @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 10)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "agent_id")
  private Agent owner;

  @Column(nullable = false)
  private String name;

  @Column(name = "token_hash", nullable = false, unique = true)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiToken() {}

  public ApiToken(Agent owner, String name, String tokenHash) {
    this.owner = owner;
    this.name = name;
    this.tokenHash = tokenHash;
  }

  public Long getId() {
    return id;
  }

  public Agent getOwner() {
    return owner;
  }

  public String getName() {
    return name;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public void markUsed(Instant at) {
    this.lastUsedAt = at;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public void revoke() {
    if (revokedAt == null) {
      revokedAt = Instant.now();
    }
  }
}
