package dev.helpdesk.interfaces.websocket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * The WebSocket endpoints this application deploys: the scanned ones, the echo only in benchmarks.
 */
public class Endpoints implements ServerApplicationConfig {
  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
    return Set.of();
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    Set<Class<?>> out = new HashSet<>(scanned);
    if (!Boolean.getBoolean("helpdesk.bench.echo")) {
      out.remove(EchoEndpoint.class);
    }
    return out;
  }
}
