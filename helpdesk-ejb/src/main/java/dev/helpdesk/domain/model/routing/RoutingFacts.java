package dev.helpdesk.domain.model.routing;

import dev.helpdesk.connectors.spi.Channel;
import java.math.BigDecimal;

/**
 * What rules look at: the ticket's channel and account, language, topic, its subject and first
 * messages' text, the contact's VIP flag and whether this is their first ticket, and what the
 * checkout page said (step, cart total). {@code folded}: the text as keyword conditions compare it
 * (lower case, Arabic letter forms unified), made once for all the rules.
 */
public record RoutingFacts(
    Channel channel,
    Long channelAccountId,
    String language,
    Topic topic,
    String text,
    boolean vip,
    boolean firstTimeBuyer,
    String checkoutStep,
    BigDecimal orderValue,
    String folded) {

  public RoutingFacts(
      Channel channel,
      Long channelAccountId,
      String language,
      Topic topic,
      String text,
      boolean vip,
      boolean firstTimeBuyer,
      String checkoutStep,
      BigDecimal orderValue) {
    this(
        channel,
        channelAccountId,
        language,
        topic,
        text,
        vip,
        firstTimeBuyer,
        checkoutStep,
        orderValue,
        Rule.fold(text));
  }
}
