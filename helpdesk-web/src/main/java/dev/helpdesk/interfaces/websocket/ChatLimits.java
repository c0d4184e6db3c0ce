package dev.helpdesk.interfaces.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits of the chat channel, per node (token buckets): new connections per IP address, and
 * messages per visitor and per IP address. Defaults suit one shopper (a burst of 10 messages, then
 * one a second) and a shared office network (a burst of 100, then 10 a second); settable with
 * {@code -Dhelpdesk.chat.visitor-rate}, {@code -Dhelpdesk.chat.ip-rate} and {@code
 * -Dhelpdesk.chat.ip-connect-rate} (per second; bursts are 10×).
 */
@ApplicationScoped
public class ChatLimits {
  static final double VISITOR_RATE =
      Double.parseDouble(System.getProperty("helpdesk.chat.visitor-rate", "1"));
  static final double IP_RATE =
      Double.parseDouble(System.getProperty("helpdesk.chat.ip-rate", "10"));
  static final double CONNECT_RATE =
      Double.parseDouble(System.getProperty("helpdesk.chat.ip-connect-rate", "2"));

  private final Map<String, Bucket> visitors = new ConcurrentHashMap<>();
  private final Map<String, Bucket> ips = new ConcurrentHashMap<>();
  private final Map<String, Bucket> connects = new ConcurrentHashMap<>();

  public boolean connectionAllowed(String ip) {
    return take(connects, ip, CONNECT_RATE);
  }

  /** Whether a visitor may send one more message now (both the visitor's and the IP's budget). */
  public boolean messageAllowed(String visitor, String ip) {
    return take(visitors, visitor, VISITOR_RATE) && take(ips, ip, IP_RATE);
  }

  private static boolean take(Map<String, Bucket> buckets, String key, double rate) {
    if (buckets.size() > 100_000) {
      long now = System.nanoTime();
      buckets.values().removeIf(b -> b.idle(now));
    }
    return buckets.computeIfAbsent(key == null ? "?" : key, k -> new Bucket(rate)).take();
  }

  /** A token bucket holding up to 10 s of the rate. */
  static final class Bucket {
    private final double rate;
    private final double capacity;
    private double tokens;
    private long at = System.nanoTime();

    Bucket(double rate) {
      this.rate = rate;
      this.capacity = Math.max(1, rate * 10);
      this.tokens = capacity;
    }

    synchronized boolean take() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - at) / 1e9 * rate);
      at = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    synchronized boolean idle(long now) {
      return tokens + (now - at) / 1e9 * rate >= capacity;
    }
  }
}
