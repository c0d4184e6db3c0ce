package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.TicketService;
import dev.helpdesk.application.TicketService.AttachmentContent;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Attachment downloads. Whatever a shopper sent, it is never rendered as a page of ours: only
 * common image types display inline, everything else downloads, with nosniff and a sandboxing CSP.
 */
@Path("/v1/attachments")
@RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
public class AttachmentResource {
  private static final Set<String> INLINE =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  @Inject TicketService tickets;
  @Inject CurrentCaller caller;

  @GET
  @Path("/{id}")
  public Response download(@PathParam("id") long id) {
    return response(tickets.attachment(caller.get(), id));
  }

  /** A file as a download that never runs in the helpdesk's origin (images shown inline). */
  static Response response(AttachmentContent a) {
    String type = a.contentType().toLowerCase(java.util.Locale.ROOT);
    boolean inline = INLINE.contains(type);
    String encoded = URLEncoder.encode(a.filename(), StandardCharsets.UTF_8).replace("+", "%20");
    String ascii = a.filename().replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
    return Response.ok(a.data())
        .type(inline ? type : "application/octet-stream")
        .header(
            "Content-Disposition",
            (inline ? "inline" : "attachment")
                + "; filename=\""
                + ascii
                + "\"; filename*=UTF-8''"
                + encoded)
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header("Cache-Control", "private, max-age=3600")
        .build();
  }
}
