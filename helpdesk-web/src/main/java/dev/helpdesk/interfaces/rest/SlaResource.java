package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.SlaPolicies;
import dev.helpdesk.application.SlaPolicies.SlaInput;
import dev.helpdesk.application.SlaPolicies.SlaView;
import dev.helpdesk.interfaces.security.CurrentCaller;
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
import java.net.URI;
import java.util.List;

/**
 * SLA policies (docs/metrics.md): managers read, admins write; a team's default policy. Rules apply
 * one by name ({@code applySla}).
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlaResource {
  @Inject SlaPolicies policies;
  @Inject CurrentCaller caller;

  public record TeamPolicy(String policy) {}

  @GET
  @Path("/sla-policies")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<SlaView> list() {
    return policies.list();
  }

  @POST
  @Path("/sla-policies")
  @RolesAllowed("ADMIN")
  public Response create(SlaInput body) {
    TicketResource.require(body);
    SlaView v = policies.create(caller.get(), body);
    return Response.created(URI.create("v1/sla-policies/" + v.id())).entity(v).build();
  }

  @PUT
  @Path("/sla-policies/{id}")
  @RolesAllowed("ADMIN")
  public SlaView update(@PathParam("id") long id, SlaInput body) {
    TicketResource.require(body);
    return policies.update(caller.get(), id, body);
  }

  @DELETE
  @Path("/sla-policies/{id}")
  @RolesAllowed("ADMIN")
  public Response delete(@PathParam("id") long id) {
    policies.delete(caller.get(), id);
    return Response.noContent().build();
  }

  /** The policy of a team's tickets when no rule applies one ({@code {"policy":null}}: none). */
  @PUT
  @Path("/teams/{id}/sla")
  @RolesAllowed("ADMIN")
  public Response teamPolicy(@PathParam("id") long id, TeamPolicy body) {
    TicketResource.require(body);
    policies.setTeamPolicy(caller.get(), id, body.policy());
    return Response.noContent().build();
  }

  /** Which policies apply by default, per priority and per team (managers read). */
  @GET
  @Path("/sla-defaults")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public SlaPolicies.Defaults defaults() {
    return policies.defaults();
  }

  /**
   * The policy of a priority's tickets when no rule applies one ({@code {"policy":null}}: none).
   */
  @PUT
  @Path("/priorities/{priority}/sla")
  @RolesAllowed("ADMIN")
  public Response priorityPolicy(@PathParam("priority") String priority, TeamPolicy body) {
    TicketResource.require(body);
    policies.setPriorityPolicy(caller.get(), priority, body.policy());
    return Response.noContent().build();
  }
}
