package dev.helpdesk.domain.model.ticket;

public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT
}
