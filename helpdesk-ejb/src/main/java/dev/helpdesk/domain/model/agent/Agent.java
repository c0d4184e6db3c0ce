package dev.helpdesk.domain.model.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A member of staff: an agent, a manager, an admin, or an integration account. */
@Entity
@Table(name = "agent")
public class Agent {
  @Id
  @GeneratedValue(generator = "agent_seq")
  @SequenceGenerator(name = "agent_seq", sequenceName = "agent_seq", allocationSize = 10)
  private Long id;

  @Column(nullable = false, unique = true)
  private String login;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  private String email;

  @Column(name = "password_hash")
  private String passwordHash;

  /** Comma-separated {@link Role} names. */
  @Column(nullable = false)
  private String roles;

  /** Comma-separated language codes, e.g. {@code en,ar}. */
  private String languages;

  /** Comma-separated skills, e.g. {@code payments,vip}. */
  private String skills;

  @Column(nullable = false)
  private int capacity = 10;

  /** Chats at once (a chat needs an answer in seconds; tickets are counted apart). */
  @Column(name = "chat_capacity", nullable = false)
  private int chatCapacity = 3;

  /** When assignment last gave them a ticket: round-robin's order. */
  @Column(name = "last_assigned_at")
  private Instant lastAssignedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Availability availability = Availability.OFFLINE;

  @Column(nullable = false)
  private boolean active = true;

  /** The workspace language this agent chose: en or ar. */
  @Column(name = "ui_language", nullable = false)
  private String uiLanguage = "en";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @ManyToMany
  @JoinTable(
      name = "agent_team",
      joinColumns = @JoinColumn(name = "agent_id"),
      inverseJoinColumns = @JoinColumn(name = "team_id"))
  private Set<Team> teams = new LinkedHashSet<>();

  @Version private long version;

  protected Agent() {}

  public Agent(String login, String displayName, Set<Role> roles) {
    this.login = login;
    this.displayName = displayName;
    setRoles(roles);
  }

  public Long getId() {
    return id;
  }

  public String getLogin() {
    return login;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public Set<Role> getRoles() {
    if (roles == null || roles.isBlank()) {
      return EnumSet.noneOf(Role.class);
    }
    return Arrays.stream(roles.split(","))
        .map(String::trim)
        .map(Role::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
  }

  public void setRoles(Set<Role> roles) {
    this.roles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  public boolean hasRole(Role role) {
    return getRoles().contains(role);
  }

  /** Managers and admins see every ticket. */
  public boolean seesAllTickets() {
    Set<Role> r = getRoles();
    return r.contains(Role.MANAGER) || r.contains(Role.ADMIN);
  }

  public Set<String> getLanguages() {
    return csv(languages);
  }

  public void setLanguages(Set<String> languages) {
    this.languages = String.join(",", languages);
  }

  public Set<String> getSkills() {
    return csv(skills);
  }

  public void setSkills(Set<String> skills) {
    this.skills = String.join(",", skills);
  }

  /** A comma-separated column's values (languages, skills). */
  public static Set<String> csv(String value) {
    if (value == null || value.isBlank()) {
      return new LinkedHashSet<>();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public int getCapacity() {
    return capacity;
  }

  public void setCapacity(int capacity) {
    this.capacity = capacity;
  }

  public int getChatCapacity() {
    return chatCapacity;
  }

  public void setChatCapacity(int chatCapacity) {
    this.chatCapacity = chatCapacity;
  }

  public Instant getLastAssignedAt() {
    return lastAssignedAt;
  }

  public void assignedAt(Instant at) {
    this.lastAssignedAt = at;
  }

  public String getUiLanguage() {
    return uiLanguage;
  }

  public void setUiLanguage(String uiLanguage) {
    this.uiLanguage = uiLanguage;
  }

  public Availability getAvailability() {
    return availability;
  }

  public void setAvailability(Availability availability) {
    this.availability = availability;
  }

  public boolean isActive() {
    return active;
  }

  public void setActive(boolean active) {
    this.active = active;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Set<Team> getTeams() {
    return teams;
  }
}
