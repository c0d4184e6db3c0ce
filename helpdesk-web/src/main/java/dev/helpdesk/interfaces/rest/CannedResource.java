package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.CannedResponses;
import dev.helpdesk.application.CannedResponses.CannedView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Canned responses for the reply composer. Placeholders in a body ({@code {{contact.name}}}, {@code
 * {{order.number}}}, {@code {{agent.name}}}, {@code {{ticket.reference}}}) are filled in by the
 * workspace when an agent inserts one.
 */
@Path("/v1/canned-responses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CannedResource {
  @Inject CannedResponses canned;

  public record CannedRequest(String title, String body, String language) {}

  @GET
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<CannedView> list() {
    return canned.list();
  }

  @POST
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Response create(CannedRequest r) {
    TicketResource.require(r);
    return Response.status(201).entity(canned.create(r.title(), r.body(), r.language())).build();
  }

  @PUT
  @Path("/{id}")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public CannedView update(@PathParam("id") long id, CannedRequest r) {
    TicketResource.require(r);
    return canned.update(id, r.title(), r.body(), r.language());
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Response delete(@PathParam("id") long id) {
    canned.delete(id);
    return Response.noContent().build();
  }
}
