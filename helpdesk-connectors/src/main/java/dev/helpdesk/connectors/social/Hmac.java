package dev.helpdesk.connectors.social;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as the networks sign their webhooks, and comparisons that take constant time. */
public final class Hmac {
  private Hmac() {}

  public static byte[] sha256(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * Whether {@code header} is {@code sha256=<hex HMAC of body>} under {@code secret}: Meta's {@code
   * X-Hub-Signature-256}.
   */
  public static boolean matchesHex(String secret, byte[] body, String header) {
    if (secret == null || secret.isEmpty() || header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret, body), given);
  }

  /** {@code sha256=<hex>} of the body under the secret: what a network's test double sends. */
  public static String headerHex(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(sha256(secret, body));
  }

  /** Two secrets compared in constant time (a Telegram secret token). */
  public static boolean sameSecret(String expected, String given) {
    if (expected == null || expected.isEmpty() || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
