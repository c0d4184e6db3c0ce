package dev.helpdesk.domain.model.metrics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Service-level targets: how long a shopper may wait for the first response, for each next
 * response, and for the resolution; counted in the team's business hours or around the clock. A
 * warning goes out when {@code warnPercent} of a target has passed.
 */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy {
  @Id
  @GeneratedValue(generator = "sla_policy_seq")
  @SequenceGenerator(name = "sla_policy_seq", sequenceName = "sla_policy_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "first_response_seconds")
  private Long firstResponseSeconds;

  @Column(name = "next_response_seconds")
  private Long nextResponseSeconds;

  @Column(name = "resolution_seconds")
  private Long resolutionSeconds;

  @Column(name = "business_hours", nullable = false)
  private boolean businessHours;

  @Column(name = "warn_percent", nullable = false)
  private int warnPercent;

  @Version private long version;

  protected SlaPolicy() {}

  public SlaPolicy(String name) {
    this.name = name;
  }

  public void set(
      String name, Long first, Long next, Long resolution, boolean businessHours, int warnPercent) {
    this.name = name;
    this.firstResponseSeconds = first;
    this.nextResponseSeconds = next;
    this.resolutionSeconds = resolution;
    this.businessHours = businessHours;
    this.warnPercent = warnPercent;
  }

  /** The target for a kind of wait, in seconds; null when the policy sets none. */
  public Long target(MetricFact.Kind kind) {
    return switch (kind) {
      case FIRST_RESPONSE -> firstResponseSeconds;
      case NEXT_RESPONSE -> nextResponseSeconds;
      case RESOLUTION -> resolutionSeconds;
      case HANDLE -> null;
    };
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Long getFirstResponseSeconds() {
    return firstResponseSeconds;
  }

  public Long getNextResponseSeconds() {
    return nextResponseSeconds;
  }

  public Long getResolutionSeconds() {
    return resolutionSeconds;
  }

  public boolean isBusinessHours() {
    return businessHours;
  }

  public int getWarnPercent() {
    return warnPercent;
  }

  public long getVersion() {
    return version;
  }
}
