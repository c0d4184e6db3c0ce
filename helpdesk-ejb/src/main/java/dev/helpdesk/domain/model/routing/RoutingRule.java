package dev.helpdesk.domain.model.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An admin's routing rule as stored: conditions and actions are JSON ({@link Rule} is the parsed,
 * checked form the engine runs). Rules run in {@code position} order.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {
  @Id
  @GeneratedValue(generator = "routing_rule_seq")
  @SequenceGenerator(
      name = "routing_rule_seq",
      sequenceName = "routing_rule_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private int position;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "stop_on_match", nullable = false)
  private boolean stopOnMatch;

  @Column(name = "match_any", nullable = false)
  private boolean matchAny;

  @Column(nullable = false)
  private String conditions;

  @Column(nullable = false)
  private String actions;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected RoutingRule() {}

  public RoutingRule(Instant now) {
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void update(
      String name,
      int position,
      boolean enabled,
      boolean stopOnMatch,
      boolean matchAny,
      String conditions,
      String actions,
      Instant now) {
    this.name = name;
    this.position = position;
    this.enabled = enabled;
    this.stopOnMatch = stopOnMatch;
    this.matchAny = matchAny;
    this.conditions = conditions;
    this.actions = actions;
    this.updatedAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public int getPosition() {
    return position;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public boolean isStopOnMatch() {
    return stopOnMatch;
  }

  public boolean isMatchAny() {
    return matchAny;
  }

  public String getConditions() {
    return conditions;
  }

  public String getActions() {
    return actions;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getVersion() {
    return version;
  }
}
