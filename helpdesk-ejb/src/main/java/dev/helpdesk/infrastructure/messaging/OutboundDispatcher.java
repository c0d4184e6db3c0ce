package dev.helpdesk.infrastructure.messaging;

import dev.helpdesk.application.DeliveryService;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/** Takes queued replies off the outbound queue and hands each to the delivery service. */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/HelpdeskOutbound"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
    })
public class OutboundDispatcher implements MessageListener {
  private static final Logger LOG = Logger.getLogger(OutboundDispatcher.class.getName());

  @Inject DeliveryService delivery;

  @Override
  public void onMessage(Message message) {
    long id;
    try {
      id = message.getBody(Long.class);
    } catch (JMSException | RuntimeException e) {
      LOG.warning("dropping an outbound queue entry that is not a message id: " + e);
      return;
    }
    delivery.deliver(id);
  }
}
