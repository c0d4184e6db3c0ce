package dev.helpdesk.infrastructure.messaging;

import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Realtime events another node published: handed to this node's WebSocket registries. */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/topic/HelpdeskEvents"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RealtimeListener implements MessageListener {
  @Inject RealtimeHub hub;

  private static Long id(String s) {
    return s == null ? null : Long.valueOf(s);
  }

  @Override
  public void onMessage(Message message) {
    try {
      if (!(message instanceof MapMessage m)
          || JmsRealtimeFanout.NODE.equals(m.getString("node"))) {
        return;
      }
      String ticket = m.getString("ticket");
      hub.deliverLocally(
          new RealtimeEvent(
              RealtimeEvent.Audience.valueOf(m.getString("audience")),
              m.getString("conversation"),
              ticket == null ? null : Long.valueOf(ticket),
              id(m.getString("team")),
              id(m.getString("assignee")),
              m.getString("kind"),
              m.getString("payload"),
              m.getLong("seq")));
    } catch (JMSException | IllegalArgumentException e) {
      java.util.logging.Logger.getLogger(RealtimeListener.class.getName())
          .warning("ignoring a realtime event that is not one: " + e);
    }
  }
}
