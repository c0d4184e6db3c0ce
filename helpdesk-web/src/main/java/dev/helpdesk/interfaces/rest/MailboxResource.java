package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.MailboxService;
import dev.helpdesk.application.MailboxService.MailboxView;
import dev.helpdesk.application.MailboxService.PollResult;
import dev.helpdesk.application.MailboxService.QuarantineView;
import dev.helpdesk.application.TicketService;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The e-mail channel for admins: mailboxes and where their reading stands, "fetch now", and the
 * quarantine of mails that could not become messages (with their raw source). The raw source of any
 * received e-mail is available to whoever may see its ticket.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailboxResource {
  @Inject MailboxService mailboxes;
  @Inject TicketService tickets;
  @Inject CurrentCaller caller;

  @GET
  @Path("/mailboxes")
  @RolesAllowed("ADMIN")
  public List<MailboxView> mailboxes() {
    return mailboxes.mailboxes();
  }

  /** Reads the mailbox now instead of at its next interval; answers what the poll did. */
  @POST
  @Path("/mailboxes/{id}/poll")
  @RolesAllowed("ADMIN")
  public PollResult poll(@PathParam("id") long id) {
    return mailboxes.poll(id);
  }

  /** The next poll reads the whole folder again; stored mails are skipped by Message-ID. */
  @POST
  @Path("/mailboxes/{id}/resync")
  @RolesAllowed("ADMIN")
  public Response resync(@PathParam("id") long id) {
    mailboxes.resync(id);
    return Response.noContent().build();
  }

  @GET
  @Path("/quarantine")
  @RolesAllowed("ADMIN")
  public List<QuarantineView> quarantine() {
    return mailboxes.quarantine();
  }

  @GET
  @Path("/quarantine/{id}/raw")
  @Produces({"message/rfc822", MediaType.APPLICATION_JSON})
  @RolesAllowed("ADMIN")
  public Response quarantinedRaw(@PathParam("id") long id) {
    return eml(mailboxes.quarantinedRaw(id), "quarantined-" + id + ".eml");
  }

  @GET
  @Path("/messages/{id}/raw")
  @Produces({"message/rfc822", MediaType.APPLICATION_JSON})
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public Response messageRaw(@PathParam("id") long id) {
    return eml(tickets.rawMessage(caller.get(), id), "message-" + id + ".eml");
  }

  /** Always a download, never rendered: the bytes are whatever the sender wrote. */
  private static Response eml(byte[] raw, String filename) {
    return Response.ok(raw)
        .type("message/rfc822")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .build();
  }
}
