package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.connectors.spi.ChannelConnector;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The channel connectors in helpdesk-connectors, found once through ServiceLoader. */
@ApplicationScoped
public class ConnectorRegistry {
  private final Map<Channel, ChannelConnector> byChannel = new EnumMap<>(Channel.class);

  @PostConstruct
  void load() {
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
