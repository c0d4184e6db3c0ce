package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Channel accounts as the outbound path looks them up. */
@ApplicationScoped
public class ChannelAccounts {
  @PersistenceContext EntityManager em;

  /**
   * The account a channel sends from when the ticket names none of that channel: the first active
   * one (a ticket that began in chat is answered by e-mail from the first mailbox).
   */
  public ChannelAccount firstActive(Channel channel) {
    return em.createQuery(
            "select a from ChannelAccount a where a.channel = :c and a.active = true order by a.id",
            ChannelAccount.class)
        .setParameter("c", channel)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }
}
