package dev.helpdesk.application;

import dev.helpdesk.domain.model.channel.ChannelAccount;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chat widget as its channel account configures it (settings keys in brackets; README lists
 * them).
 *
 * @param key the widget key the store's {@code <script>} tag names (the account's address)
 * @param secret the widget's secret [secret]: signs visitor tokens and verifies shopper identities
 * @param allowedOrigins pages that may open chats [allowedOrigins, comma-separated origins]; the
 *     helpdesk's own pages always may
 * @param preChat fields the pre-chat form asks for [preChat: name,email,topic or none]
 * @param texts greeting / offline (business hours) texts [greeting.en, greeting.ar, offline.en,
 *     offline.ar]
 * @param maxFileBytes largest attachment a shopper may send [maxFileKb, default 5120]
 * @param faqBot whether the FAQ bot answers while no agent is online [faqBot, default true]
 */
public record ChatWidget(
    long accountId,
    String key,
    String name,
    String secret,
    List<String> allowedOrigins,
    List<String> preChat,
    Map<String, String> texts,
    int maxFileBytes,
    String color,
    boolean faqBot) {

  /** The widget an account configures. */
  public static ChatWidget of(ChannelAccount a) {
    return of(a.getId(), a.getAddress(), a.getName(), a.getSettings());
  }

  /** The widget these settings configure. */
  public static ChatWidget of(long id, String key, String name, Map<String, String> s) {
    List<String> origins =
        Arrays.stream(s.getOrDefault("allowedOrigins", "").split("[,\\s]+"))
            .map(String::strip)
            .filter(o -> !o.isEmpty())
            .map(ChatWidget::normaliseOrigin)
            .toList();
    List<String> pre =
        Arrays.stream(s.getOrDefault("preChat", "none").split("[,\\s]+"))
            .map(String::strip)
            .filter(f -> List.of("name", "email", "topic").contains(f))
            .toList();
    Map<String, String> texts = new java.util.TreeMap<>();
    s.forEach(
        (k, v) -> {
          if (k.startsWith("greeting.") || k.startsWith("offline.")) {
            texts.put(k, v);
          }
        });
    int kb = 5120;
    try {
      kb = Integer.parseInt(s.getOrDefault("maxFileKb", "5120").strip());
    } catch (NumberFormatException e) {
      // validated when set; an older value falls back to the default
    }
    return new ChatWidget(
        id,
        key,
        name,
        s.get("secret"),
        origins,
        pre,
        Map.copyOf(texts),
        kb * 1024,
        s.getOrDefault("color", "#1f6feb"),
        !"false".equalsIgnoreCase(s.getOrDefault("faqBot", "true").strip()));
  }

  /**
   * Whether a page at {@code origin} may open a chat: one of the widget's allowed origins, or the
   * helpdesk itself ({@code host} is the Host header of the handshake; the demo checkout is served
   * by the helpdesk).
   */
  public boolean allows(String origin, String host) {
    if (origin == null || origin.isBlank()) {
      return false;
    }
    String o = normaliseOrigin(origin);
    return allowedOrigins.contains(o) || allowedOrigins.contains("*") || sameOrigin(o, host);
  }

  /** Whether a page at {@code origin} is served by the host the request went to. */
  public static boolean sameOrigin(String origin, String host) {
    try {
      URI u = URI.create(origin);
      return host != null && u.getAuthority() != null && u.getAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String normaliseOrigin(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    while (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    return o;
  }
}
