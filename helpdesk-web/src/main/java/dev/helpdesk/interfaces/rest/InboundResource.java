package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.IngestResult;
import dev.helpdesk.application.IngestService;
import dev.helpdesk.connectors.api.ApiMessageParser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The API channel's intake: an integration posts a channel-neutral JSON message (see {@link
 * ApiMessageParser}); it takes the same inbound path as every channel. 201 with the ticket for a
 * new message, 200 with {@code duplicate: true} when the same externalId was posted before.
 */
@Path("/v1/inbound")
@Produces(MediaType.APPLICATION_JSON)
public class InboundResource {
  private final ApiMessageParser parser = new ApiMessageParser();

  @Inject IngestService ingest;

  public record Accepted(
      long ticketId, String reference, long messageId, boolean ticketCreated, boolean duplicate) {}

  /**
   * A batch of up to 100 messages (a JSON array) in one transaction, e.g. a bulk import; each is
   * stored once, in order. All messages are checked before any is stored: one invalid message
   * refuses the batch with 422 naming it.
   */
  @POST
  @Path("/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"INTEGRATION", "ADMIN"})
  public java.util.List<Accepted> postBatch(String json) {
    return ingest.ingestAll(parser.parseBatch(json == null ? "" : json, 100)).stream()
        .map(
            r ->
                new Accepted(
                    r.ticketId(),
                    "#" + r.ticketId(),
                    r.messageId(),
                    r.ticketCreated(),
                    r.duplicate()))
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"INTEGRATION", "ADMIN"})
  public Response post(String json) {
    IngestResult r = ingest.ingest(parser.parse(json == null ? "" : json));
    Accepted body =
        new Accepted(
            r.ticketId(), "#" + r.ticketId(), r.messageId(), r.ticketCreated(), r.duplicate());
    if (r.duplicate()) {
      return Response.ok(body).build();
    }
    return Response.created(URI.create("v1/tickets/" + r.ticketId())).entity(body).build();
  }
}
