package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.ChatService;
import dev.helpdesk.application.ChatWidget;
import dev.helpdesk.interfaces.websocket.ChatSessions;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The chat channel over HTTP: the public widget configuration and the conversation's files (signed
 * links). The staff side of a chat (context, read receipts, typing) is in {@link TicketResource}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {
  @Inject ChatService chat;

  /** What the widget needs before it connects: texts, pre-chat form, whether anyone is online. */
  @GET
  @Path("/chat/widgets/{key}")
  @PermitAll
  public Response widget(@PathParam("key") String key) {
    ChatWidget w = chat.widget(key);
    String json =
        ChatSessions.widgetJson(w)
            .add("key", w.key())
            .add("agentsOnline", chat.agentsOnline())
            .build()
            .toString();
    return Response.ok(json).header("Cache-Control", "no-store").build();
  }

  /** A file of a chat conversation, by the signed link the widget received. */
  @GET
  @Path("/chat/files/{id}")
  @PermitAll
  @Produces(MediaType.WILDCARD)
  public Response file(
      @PathParam("id") long id,
      @QueryParam("conversation") String conversation,
      @QueryParam("sig") String sig) {
    return AttachmentResource.response(chat.file(conversation, id, sig));
  }
}
