package dev.helpdesk.domain.model.ticket;

import dev.helpdesk.connectors.spi.Channel;
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

/**
 * A key that continues a ticket's conversation on a channel: the external id of every message on it
 * (so In-Reply-To finds it), chat sessions, social conversation ids.
 */
@Entity
@Table(
    name = "thread_key",
    uniqueConstraints = @UniqueConstraint(columnNames = {"key_value", "channel"}))
public class ThreadKey {
  @Id
  @GeneratedValue(generator = "thread_key_seq")
  @SequenceGenerator(name = "thread_key_seq", sequenceName = "thread_key_seq", allocationSize = 50)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @Column(name = "key_value", nullable = false)
  private String key;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "ticket_id")
  private Ticket ticket;

  protected ThreadKey() {}

  public ThreadKey(Channel channel, String key, Ticket ticket) {
    this.channel = channel;
    this.key = key;
    this.ticket = ticket;
  }

  public Ticket getTicket() {
    return ticket;
  }

  public void moveTo(Ticket target) {
    this.ticket = target;
  }
}
