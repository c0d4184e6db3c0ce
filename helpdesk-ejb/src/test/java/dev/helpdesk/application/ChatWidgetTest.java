package dev.helpdesk.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatWidgetTest {
  static ChatWidget widget(Map<String, String> settings) {
    return ChatWidget.of(1, "shop", "Shop", settings);
  }

  @Test
  void onlyTheStoresOwnPagesAndTheHelpdesksMayOpenAChat() {
    ChatWidget w =
        widget(Map.of("allowedOrigins", "https://Shop.example/, https://www.shop.example"));
    assertTrue(w.allows("https://shop.example", "helpdesk.example"));
    assertTrue(w.allows("https://www.shop.example", "helpdesk.example"));
    assertTrue(w.allows("http://helpdesk.example:8080", "helpdesk.example:8080"), "own pages");
    assertFalse(w.allows("https://evil.example", "helpdesk.example"));
    assertFalse(w.allows("https://shop.example.evil.example", "helpdesk.example"));
    assertFalse(w.allows("http://shop.example", "helpdesk.example"), "the scheme counts");
    assertFalse(w.allows(null, "helpdesk.example"), "no Origin, no chat");
    assertFalse(w.allows("null", "helpdesk.example"), "sandboxed frames send Origin: null");
  }

  @Test
  void settingsBecomeTheWidgetsForm() {
    ChatWidget w =
        widget(
            Map.of(
                "preChat", "name, email, bogus",
                "maxFileKb", "100",
                "greeting.ar", "مرحبًا",
                "secret", "0123456789abcdef"));
    assertEquals(List.of("name", "email"), w.preChat());
    assertEquals(100 * 1024, w.maxFileBytes());
    assertEquals("مرحبًا", w.texts().get("greeting.ar"));
    assertEquals(5120 * 1024, widget(Map.of()).maxFileBytes());
    assertEquals(List.of(), widget(Map.of("preChat", "none")).preChat());
  }
}
