package dev.helpdesk.domain.model.agent;

public enum Availability {
  ONLINE,
  AWAY,
  OFFLINE
}
