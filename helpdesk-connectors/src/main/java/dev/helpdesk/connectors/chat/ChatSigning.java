package dev.helpdesk.connectors.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of the chat channel, all keyed by the widget's secret:
 *
 * <ul>
 *   <li>the visitor token the server hands a new visitor ({@code <visitor id>.<signature>}), kept
 *       in the browser's localStorage and shown again on every connection;
 *   <li>the shopper identity a store signs on its server: the lower-cased e-mail address signed
 *       with the widget secret, hex (the convention of Intercom's and Crisp's identity
 *       verification);
 *   <li>links to a conversation's attachments.
 * </ul>
 */
public final class ChatSigning {
  private ChatSigning() {}

  /** A new token for {@code visitorId} on the widget {@code widgetKey}. */
  public static String visitorToken(String secret, String widgetKey, String visitorId) {
    return visitorId + "." + b64(hmac(secret, "visitor|" + widgetKey + "|" + visitorId));
  }

  /** The visitor id a token names, or null when the token is malformed or forged. */
  public static String visitorOf(String secret, String widgetKey, String token) {
    if (token == null || token.length() > 200) {
      return null;
    }
    int dot = token.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String visitor = token.substring(0, dot);
    if (!visitor.matches("[A-Za-z0-9-]{8,64}")) {
      return null;
    }
    byte[] expected = visitorToken(secret, widgetKey, visitor).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))
        ? visitor
        : null;
  }

  /** The signature a store's server computes for a shopper's e-mail address (hex). */
  public static String identitySignature(String secret, String email) {
    return HexFormat.of().formatHex(hmac(secret, email.strip().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Whether {@code signature} is the store's signature of {@code email}. */
  public static boolean identityValid(String secret, String email, String signature) {
    if (email == null || signature == null || signature.length() != 64) {
      return false;
    }
    return MessageDigest.isEqual(
        identitySignature(secret, email).getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** A signature for a download link of attachment {@code attachmentId} in a conversation. */
  public static String attachmentSignature(String secret, String conversation, long attachmentId) {
    return b64(hmac(secret, "file|" + conversation + "|" + attachmentId));
  }

  public static boolean attachmentValid(
      String secret, String conversation, long attachmentId, String signature) {
    return signature != null
        && MessageDigest.isEqual(
            attachmentSignature(secret, conversation, attachmentId)
                .getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hmac(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
