/**
 * WebSocket endpoints: {@code /ws/chat} (shoppers, {@link
 * dev.helpdesk.interfaces.websocket.ChatEndpoint}) and {@code /ws/agent} (staff, {@link
 * dev.helpdesk.interfaces.websocket.AgentEndpoint}). Endpoints are thin: they hand frames to a
 * registry bean ({@link dev.helpdesk.interfaces.websocket.ChatSessions}, {@link
 * dev.helpdesk.interfaces.websocket.StaffSessions}) that keeps the open sessions and talks to the
 * application services; realtime events arrive from {@link dev.helpdesk.application.RealtimeHub}.
 */
package dev.helpdesk.interfaces.websocket;
