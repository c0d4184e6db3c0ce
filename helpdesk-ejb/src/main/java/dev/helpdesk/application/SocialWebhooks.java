package dev.helpdesk.application;

import dev.helpdesk.connectors.social.Hmac;
import dev.helpdesk.connectors.social.WebhookBatch;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.DeliveryUpdate;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * The social networks' webhooks, after the HTTP layer: who may call (the signature or secret of the
 * connected account the call names), then the one inbound path for the shoppers' messages ({@link
 * IngestService}, stored once each however often a network redelivers) and the delivery reports for
 * ours ({@link DeliveryService#reported}). Messenger, Instagram and WhatsApp sign each call with
 * the Meta app's secret ({@code X-Hub-Signature-256}); Telegram sends back the secret token the
 * webhook was set with.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SocialWebhooks {
  private static final Logger LOG = Logger.getLogger(SocialWebhooks.class.getName());

  @PersistenceContext EntityManager em;
  @Inject IngestService ingest;
  @Inject DeliveryService delivery;

  /** What one call did. */
  public record Received(int stored, int duplicates, int reports, int ignored) {}

  /**
   * Meta's subscription handshake: whether {@code token} is the {@code verifyToken} of an active
   * account of the channel.
   */
  public boolean verifies(Channel channel, String token) {
    return accounts(channel).stream()
        .anyMatch(a -> Hmac.sameSecret(a.getSettings().get("verifyToken"), token));
  }

  /**
   * A Messenger, Instagram or WhatsApp webhook call, parsed by its connector (in the web layer, so
   * a body that is not the network's JSON is refused before it reaches a bean), its {@code
   * X-Hub-Signature-256} checked against the raw body with the app secret of every account it
   * names.
   */
  public Received meta(Channel channel, WebhookBatch batch, byte[] body, String signature) {
    if (batch.accounts().isEmpty()) {
      throw new InvalidRequestException("entry", "the call names no " + channel + " account");
    }
    for (String address : batch.accounts()) {
      ChannelAccount a = account(channel, address);
      if (!Hmac.matchesHex(a.getSettings().get("appSecret"), body, signature)) {
        throw new AccessDeniedException(
            (signature == null
                    ? "no X-Hub-Signature-256 header"
                    : "X-Hub-Signature-256 does not match the body")
                + " for "
                + channel
                + " account "
                + address
                + " (signed with its appSecret)");
      }
    }
    return store(channel, batch);
  }

  /** A Telegram update for the bot {@code address}, parsed by its connector, its secret checked. */
  public Received telegram(String address, WebhookBatch batch, String secretToken) {
    ChannelAccount a = account(Channel.TELEGRAM, address);
    if (!Hmac.sameSecret(a.getSettings().get("webhookSecret"), secretToken)) {
      throw new AccessDeniedException(
          (secretToken == null ? "no" : "a wrong")
              + " X-Telegram-Bot-Api-Secret-Token for Telegram bot "
              + address);
    }
    return store(Channel.TELEGRAM, batch);
  }

  private Received store(Channel channel, WebhookBatch batch) {
    int stored = 0;
    int duplicates = 0;
    for (IngestResult r : ingest.ingestAll(batch.messages())) {
      if (r.duplicate()) {
        duplicates++;
      } else {
        stored++;
      }
    }
    int reports = 0;
    for (DeliveryUpdate u : batch.updates()) {
      if (delivery.reported(u)) {
        reports++;
      } else {
        LOG.fine(
            () -> channel + " reported " + u.state() + " for " + u.externalId() + ", not ours");
      }
    }
    return new Received(stored, duplicates, reports, batch.ignored());
  }

  private ChannelAccount account(Channel channel, String address) {
    return accounts(channel).stream()
        .filter(a -> a.getAddress().equals(address))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("active " + channel + " account", address));
  }

  private List<ChannelAccount> accounts(Channel channel) {
    return em.createQuery(
            "select a from ChannelAccount a where a.channel = :c and a.active = true",
            ChannelAccount.class)
        .setParameter("c", channel)
        .getResultList();
  }
}
