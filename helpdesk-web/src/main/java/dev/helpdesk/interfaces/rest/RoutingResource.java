package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.InvalidRequestException;
import dev.helpdesk.application.Router;
import dev.helpdesk.application.RoutingRules;
import dev.helpdesk.application.RoutingRules.RuleInput;
import dev.helpdesk.application.RoutingRules.RuleView;
import dev.helpdesk.application.Views;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.routing.Rule;
import dev.helpdesk.domain.model.routing.RuleException;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Routing: the admins' rules (ordered, checked: 422 naming the part that cannot run), a dry run
 * that shows the topic and which rules would fire for a sample message, teams' assignment and
 * calendars. (Agents correct a ticket's topic with {@code PUT /api/v1/tickets/{id}/topic}.)
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {
  @Inject RoutingRules rules;
  @Inject Router router;
  @Inject dev.helpdesk.application.DirectoryService directory;
  @Inject CurrentCaller caller;

  @GET
  @Path("/routing/rules")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<RuleView> list() {
    return rules.list();
  }

  @GET
  @Path("/routing/rules/{id}")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public RuleView get(@PathParam("id") long id) {
    return rules.get(id);
  }

  @POST
  @Path("/routing/rules")
  @RolesAllowed("ADMIN")
  public Response create(RuleInput body) {
    TicketResource.require(body);
    RuleView r = rules.create(caller.get(), body);
    return Response.created(URI.create("v1/routing/rules/" + r.id())).entity(r).build();
  }

  @PUT
  @Path("/routing/rules/{id}")
  @RolesAllowed("ADMIN")
  public RuleView update(
      @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, RuleInput body) {
    TicketResource.require(body);
    Long version = null;
    if (ifMatch != null && !ifMatch.isBlank()) {
      try {
        version = Long.parseLong(ifMatch.replace("\"", "").strip());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("If-Match", "If-Match is the rule's version");
      }
    }
    return rules.update(caller.get(), id, body, version);
  }

  @DELETE
  @Path("/routing/rules/{id}")
  @RolesAllowed("ADMIN")
  public Response delete(@PathParam("id") long id) {
    rules.delete(caller.get(), id);
    return Response.noContent().build();
  }

  /** A sample message; {@code rule}: a rule not saved yet, tried after the saved ones. */
  public record DryRunRequest(
      String text,
      String language,
      String channel,
      Long channelAccountId,
      Boolean vip,
      Boolean firstTimeBuyer,
      String checkoutStep,
      BigDecimal orderValue,
      String orderRef,
      RuleInput rule) {}

  @POST
  @Path("/routing/dry-run")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Router.DryRun dryRun(DryRunRequest body) {
    TicketResource.require(body);
    if (body.text() == null || body.text().isBlank() || body.text().length() > 10_000) {
      throw new InvalidRequestException("text", "text is required (at most 10,000 characters)");
    }
    Channel channel = Channel.API;
    if (body.channel() != null) {
      try {
        channel = Channel.valueOf(body.channel().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("channel", "unknown channel " + body.channel());
      }
    }
    List<Rule> extra = List.of();
    if (body.rule() != null) {
      RuleInput r = body.rule();
      try {
        extra =
            List.of(
                rules.compile(
                    0,
                    r.name() == null ? "draft" : r.name(),
                    Boolean.TRUE.equals(r.matchAny()),
                    Boolean.TRUE.equals(r.stopOnMatch()),
                    r.conditions(),
                    r.actions()));
      } catch (RuleException e) {
        throw new InvalidRequestException("rule." + e.field(), e.getMessage());
      }
    }
    return router.dryRun(
        body.text(),
        body.language(),
        channel,
        body.channelAccountId(),
        Boolean.TRUE.equals(body.vip()),
        body.firstTimeBuyer() == null || body.firstTimeBuyer(),
        body.checkoutStep(),
        body.orderValue(),
        body.orderRef(),
        extra);
  }

  public record TeamRoutingRequest(
      String assignment,
      Boolean sticky,
      Integer reassignAfterMinutes,
      String timeZone,
      String businessHours,
      String holidays) {}

  /** A team's assignment strategy, re-assignment delay and business-hours calendar (admins). */
  @PUT
  @Path("/teams/{id}/routing")
  @RolesAllowed("ADMIN")
  public Views.TeamView teamRouting(@PathParam("id") long id, TeamRoutingRequest body) {
    TicketResource.require(body);
    return directory.setTeamRouting(
        caller.get(),
        id,
        body.assignment(),
        body.sticky(),
        body.reassignAfterMinutes(),
        body.timeZone(),
        body.businessHours(),
        body.holidays());
  }
}
