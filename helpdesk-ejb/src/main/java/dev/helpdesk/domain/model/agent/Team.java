package dev.helpdesk.domain.model.agent;

import dev.helpdesk.domain.model.routing.AssignmentStrategy;
import dev.helpdesk.domain.model.routing.BusinessHours;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "team")
public class Team {
  @Id
  @GeneratedValue(generator = "team_seq")
  @SequenceGenerator(name = "team_seq", sequenceName = "team_seq", allocationSize = 10)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  private String description;

  /** How its tickets are given to agents. */
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private AssignmentStrategy assignment = AssignmentStrategy.ROUND_ROBIN;

  /** A returning contact goes to their previous agent first, when online. */
  @Column(nullable = false)
  private boolean sticky = true;

  /** An assigned ticket nobody answered for this long goes to another agent; null: never. */
  @Column(name = "reassign_after_minutes")
  private Integer reassignAfterMinutes;

  @Column(name = "time_zone", nullable = false)
  private String timeZone = "UTC";

  /** Weekly hours, e.g. "mon-fri 09:00-18:00" ({@link BusinessHours}); null: always open. */
  @Column(name = "business_hours")
  private String businessHours;

  @Column(name = "holidays")
  private String holidays;

  @Version private long version;

  protected Team() {}

  public Team(String name, String description) {
    this.name = name;
    this.description = description;
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

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public AssignmentStrategy getAssignment() {
    return assignment;
  }

  public boolean isSticky() {
    return sticky;
  }

  public Integer getReassignAfterMinutes() {
    return reassignAfterMinutes;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public String getBusinessHours() {
    return businessHours;
  }

  public String getHolidays() {
    return holidays;
  }

  /** The team's calendar. */
  public BusinessHours calendar() {
    return BusinessHours.parse(businessHours, holidays, timeZone);
  }

  /**
   * Sets how tickets are assigned and when the team answers.
   *
   * @throws dev.helpdesk.domain.model.routing.RuleException when the calendar cannot be read
   */
  public void setRouting(
      AssignmentStrategy assignment,
      boolean sticky,
      Integer reassignAfterMinutes,
      String timeZone,
      String businessHours,
      String holidays) {
    BusinessHours.parse(businessHours, holidays, timeZone); // refuses what cannot be read
    this.assignment = assignment;
    this.sticky = sticky;
    this.reassignAfterMinutes = reassignAfterMinutes;
    this.timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
    this.businessHours =
        businessHours == null || businessHours.isBlank() ? null : businessHours.strip();
    this.holidays = holidays == null || holidays.isBlank() ? null : holidays.strip();
  }
}
