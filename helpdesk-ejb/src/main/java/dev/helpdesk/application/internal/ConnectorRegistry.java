package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The channel connectors: those helpdesk-connectors registers for ServiceLoader, and those the
 * container builds because they need its resources (e-mail: the server's mail session), produced as
 * CDI beans.
 */
@ApplicationScoped
public class ConnectorRegistry {
  private final Map<Channel, ChannelConnector> byChannel = new EnumMap<>(Channel.class);

  @Inject @Any Instance<ChannelConnector> produced;

  @PostConstruct
  void load() {
    for (ChannelConnector c : produced) {
      byChannel.put(c.channel(), c);
    }
    for (ChannelConnector c :
        ServiceLoader.load(ChannelConnector.class, ChannelConnector.class.getClassLoader())) {
      byChannel.put(c.channel(), c);
    }
  }

  /** The connector for a channel, or null when none is installed. */
  public ChannelConnector forChannel(Channel channel) {
    return byChannel.get(channel);
  }
}
