package dev.helpdesk.connectors.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChatSigningTest {
  @Test
  void aVisitorTokenNamesItsVisitorOnlyOnItsWidget() {
    String token = ChatSigning.visitorToken("s3cret", "shop", "v-12345678");
    assertEquals("v-12345678", ChatSigning.visitorOf("s3cret", "shop", token));
    assertNull(ChatSigning.visitorOf("s3cret", "other-shop", token));
    assertNull(ChatSigning.visitorOf("another-secret", "shop", token));
    assertNull(ChatSigning.visitorOf("s3cret", "shop", "v-99999999" + token.substring(10)));
    assertNull(ChatSigning.visitorOf("s3cret", "shop", "garbage"));
  }

  @Test
  void anIdentityIsTheStoresSignatureOfTheEmail() {
    // what a store computes: printf %s huda@example.com | openssl dgst -sha256 -hmac s3cret
    String sig = ChatSigning.identitySignature("s3cret", "Huda@Example.com");
    assertTrue(ChatSigning.identityValid("s3cret", "huda@example.com", sig));
    assertTrue(ChatSigning.identityValid("s3cret", "huda@example.com", sig.toUpperCase()));
    assertFalse(ChatSigning.identityValid("s3cret", "someone@example.com", sig));
    assertFalse(ChatSigning.identityValid("s3cret", "huda@example.com", "00"));
    assertFalse(ChatSigning.identityValid("s3cret", "huda@example.com", null));
  }

  @Test
  void theSignatureIsWhatAStoreComputesWithStandardTools() {
    // printf %s huda@example.com | openssl dgst -sha256 -hmac s3cret
    assertEquals(
        "3685d2ae40ce83d99d9f8da4bc9b5e95ee52ea1abf610d60a441288b65d79b4e",
        ChatSigning.identitySignature("s3cret", "huda@example.com"));
  }
}
