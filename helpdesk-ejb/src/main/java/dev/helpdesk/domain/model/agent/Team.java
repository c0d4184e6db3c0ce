package dev.helpdesk.domain.model.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
}
