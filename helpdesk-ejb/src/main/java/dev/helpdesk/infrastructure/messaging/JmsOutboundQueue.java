package dev.helpdesk.infrastructure.messaging;

import dev.helpdesk.application.OutboundQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * The outbound queue on ActiveMQ Artemis. The injected JMSContext joins the caller's JTA
 * transaction, so the message is only visible to the dispatcher once the database commit that
 * stored the reply has happened.
 */
@ApplicationScoped
public class JmsOutboundQueue implements OutboundQueue {
  @Inject JMSContext jms;

  @Resource(lookup = "java:/jms/queue/HelpdeskOutbound")
  Queue queue;

  @Override
  public void enqueue(long messageId, long delayMillis) {
    jms.createProducer().setDeliveryDelay(Math.max(0, delayMillis)).send(queue, messageId);
  }
}
