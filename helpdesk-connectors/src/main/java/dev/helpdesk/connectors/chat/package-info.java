/**
 * The live-chat channel's protocol half: the JSON frames the checkout widget and the server
 * exchange over {@code /ws/chat} ({@link dev.helpdesk.connectors.chat.ChatProtocol}), the signed
 * visitor token and shopper identity ({@link dev.helpdesk.connectors.chat.ChatSigning}), and a
 * shopper's message as an {@link dev.helpdesk.connectors.spi.InboundMessage} ({@link
 * dev.helpdesk.connectors.chat.ChatInbound}). Plain Java; the WebSocket endpoint and the session
 * registry live in helpdesk-web, the conversation state in helpdesk-ejb. The protocol is written
 * down in {@code docs/chat-protocol.md}.
 */
package dev.helpdesk.connectors.chat;
