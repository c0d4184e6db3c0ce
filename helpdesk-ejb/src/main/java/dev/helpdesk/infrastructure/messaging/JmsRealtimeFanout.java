package dev.helpdesk.infrastructure.messaging;

import dev.helpdesk.application.RealtimeEvent;
import dev.helpdesk.application.RealtimeHub;
import dev.helpdesk.infrastructure.ServerSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Topic;
import java.util.logging.Logger;

/**
 * Realtime events to the other nodes over the {@code HelpdeskEvents} topic, when the helpdesk runs
 * clustered ({@code HELPDESK_CLUSTER=true} / {@code -Dhelpdesk.cluster=true}); a single node sends
 * nothing. Non-persistent and outside any transaction: a lost event costs a client nothing but
 * latency, since clients read what they missed from the database.
 */
@ApplicationScoped
public class JmsRealtimeFanout implements RealtimeHub.Fanout {
  private static final Logger LOG = Logger.getLogger(JmsRealtimeFanout.class.getName());

  /** This node's name, so a node ignores its own events coming back from the topic. */
  static final String NODE = System.getProperty("jboss.node.name", "node");

  static final boolean CLUSTERED =
      Boolean.parseBoolean(ServerSettings.get("helpdesk.cluster", "HELPDESK_CLUSTER", "false"));

  @Resource(lookup = "java:/ConnectionFactory")
  ConnectionFactory factory;

  @Resource(lookup = "java:/jms/topic/HelpdeskEvents")
  Topic topic;

  @Override
  public void send(RealtimeEvent e) {
    if (!CLUSTERED) {
      return;
    }
    try (JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      MapMessage m = jms.createMapMessage();
      m.setString("node", NODE);
      m.setString("audience", e.audience().name());
      m.setString("conversation", e.conversation());
      m.setString("ticket", e.ticketId() == null ? null : e.ticketId().toString());
      m.setString("team", e.teamId() == null ? null : e.teamId().toString());
      m.setString("assignee", e.assigneeId() == null ? null : e.assigneeId().toString());
      m.setString("kind", e.kind());
      m.setString("payload", e.payload());
      m.setLong("seq", e.seq());
      jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(topic, m);
    } catch (JMSRuntimeException | jakarta.jms.JMSException ex) {
      LOG.warning("realtime event not sent to the other nodes: " + ex);
    }
  }
}
