package dev.helpdesk.connectors.social;

import dev.helpdesk.connectors.spi.DeliveryUpdate;
import dev.helpdesk.connectors.spi.InboundMessage;
import java.util.List;
import java.util.Set;

/**
 * What one webhook call carried: the channel accounts it names (the page, the phone number, the
 * bot), whose secrets must have signed it, the shoppers' messages, and reports on messages we sent.
 * Events a helpdesk has no use for (reactions, typing, our own messages echoed back) are counted in
 * {@code ignored}.
 */
public record WebhookBatch(
    Set<String> accounts,
    List<InboundMessage> messages,
    List<DeliveryUpdate> updates,
    int ignored) {
  public WebhookBatch {
    accounts = Set.copyOf(accounts);
    messages = List.copyOf(messages);
    updates = List.copyOf(updates);
  }
}
