package dev.helpdesk.application.internal;

import dev.helpdesk.application.ChatWidget;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Active chat widgets by key, read at most every 10 s per widget: every chat connection and frame
 * needs its widget, and widgets change rarely (DirectoryService forgets them when it changes an
 * account).
 */
@ApplicationScoped
public class ChatWidgets {
  private static final long TTL_MS = 10_000;

  private record Entry(ChatWidget widget, long loadedAt) {}

  @PersistenceContext EntityManager em;

  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

  /** The active widget with this key, or null. */
  public ChatWidget find(String key) {
    if (key == null || key.isBlank() || key.length() > 320) {
      return null;
    }
    Entry e = byKey.get(key);
    long now = System.currentTimeMillis();
    if (e == null || now - e.loadedAt > TTL_MS) {
      ChatWidget w =
          em.createQuery(
                  "select a from ChannelAccount a where a.channel = :c and a.address = :k and a.active = true",
                  ChannelAccount.class)
              .setParameter("c", Channel.CHAT)
              .setParameter("k", key)
              .getResultStream()
              .findFirst()
              .map(ChatWidgets::widgetOf)
              .orElse(null);
      e = new Entry(w, now);
      byKey.put(key, e);
    }
    return e.widget;
  }

  public void invalidate() {
    byKey.clear();
  }

  private static ChatWidget widgetOf(ChannelAccount a) {
    return ChatWidget.of(a);
  }
}
