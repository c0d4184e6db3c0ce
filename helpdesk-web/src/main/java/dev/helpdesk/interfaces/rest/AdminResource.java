package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.DirectoryService;
import dev.helpdesk.application.DirectoryService.AgentCommand;
import dev.helpdesk.application.DirectoryService.ChannelAccountView;
import dev.helpdesk.application.Views.AgentView;
import dev.helpdesk.application.Views.TeamView;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Availability;
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
import java.util.Map;

/** Teams, staff and channel accounts. Staff may read teams and agents; admins change them. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {
  @Inject DirectoryService directory;
  @Inject dev.helpdesk.application.AuthService auth;
  @Inject CurrentCaller caller;
  @Inject dev.helpdesk.application.Presence presence;
  @Inject dev.helpdesk.application.SearchIndexing indexing;

  public record TeamRequest(String name, String description) {}

  public record AvailabilityRequest(String availability) {}

  public record ChannelAccountRequest(
      String channel, String address, String name, Map<String, String> settings) {}

  @GET
  @Path("/teams")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<TeamView> teams() {
    return directory.teams();
  }

  @GET
  @Path("/teams/{id}")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public TeamView team(@PathParam("id") long id) {
    return directory.team(id);
  }

  @POST
  @Path("/teams")
  @RolesAllowed("ADMIN")
  public Response createTeam(TeamRequest body) {
    TicketResource.require(body);
    TeamView t = directory.createTeam(body.name(), body.description());
    return Response.created(URI.create("v1/teams/" + t.id())).entity(t).build();
  }

  @PUT
  @Path("/teams/{id}")
  @RolesAllowed("ADMIN")
  public TeamView updateTeam(@PathParam("id") long id, TeamRequest body) {
    TicketResource.require(body);
    return directory.updateTeam(id, body.name(), body.description());
  }

  @DELETE
  @Path("/teams/{id}")
  @RolesAllowed("ADMIN")
  public Response deleteTeam(@PathParam("id") long id) {
    directory.deleteTeam(id);
    return Response.noContent().build();
  }

  @GET
  @Path("/agents")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<AgentView> agents() {
    return directory.agents();
  }

  @GET
  @Path("/agents/{id}")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public AgentView agent(@PathParam("id") long id) {
    return directory.agent(id);
  }

  @POST
  @Path("/agents")
  @RolesAllowed("ADMIN")
  public Response createAgent(AgentCommand body) {
    TicketResource.require(body);
    AgentView a = directory.createAgent(body);
    return Response.created(URI.create("v1/agents/" + a.id())).entity(a).build();
  }

  @PUT
  @Path("/agents/{id}")
  @RolesAllowed("ADMIN")
  public AgentView updateAgent(@PathParam("id") long id, AgentCommand body) {
    TicketResource.require(body);
    return directory.updateAgent(id, body);
  }

  /** An API token for another account (an integration); its secret is in this answer only. */
  @POST
  @Path("/agents/{id}/tokens")
  @RolesAllowed("ADMIN")
  public Response createToken(@PathParam("id") long id, AuthResource.TokenRequest body) {
    TicketResource.require(body);
    return Response.status(201).entity(auth.createTokenFor(id, body.name())).build();
  }

  /** The signed-in agent: roles, teams, availability toggle and workspace language. */
  @GET
  @Path("/agents/me")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public AgentView myself() {
    return directory.agent(caller.get().agentId());
  }

  public record LanguageRequest(String language) {}

  /** The language of the agent's own workspace: en or ar. */
  @PUT
  @Path("/agents/me/language")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public AgentView language(LanguageRequest body) {
    TicketResource.require(body);
    return directory.setUiLanguage(caller.get().agentId(), body.language());
  }

  /** Every active agent's presence (ONLINE / AWAY while the workspace is open, else OFFLINE). */
  @GET
  @Path("/agents/presence")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<dev.helpdesk.application.internal.AgentConnections.AgentState> presence() {
    return presence.states();
  }

  /** An agent's own availability toggle: online, away or offline. */
  @PUT
  @Path("/agents/me/availability")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public AgentView availability(AvailabilityRequest body) {
    TicketResource.require(body);
    return directory.setAvailability(
        caller.get().agentId(),
        TicketResource.parse(
            Availability.class, "availability", String.valueOf(body.availability())));
  }

  @GET
  @Path("/channel-accounts")
  @RolesAllowed("ADMIN")
  public List<ChannelAccountView> channelAccounts() {
    return directory.channelAccounts();
  }

  @POST
  @Path("/channel-accounts")
  @RolesAllowed("ADMIN")
  public Response createChannelAccount(ChannelAccountRequest body) {
    TicketResource.require(body);
    Channel channel =
        body.channel() == null
            ? null
            : TicketResource.parse(Channel.class, "channel", body.channel());
    ChannelAccountView a =
        directory.createChannelAccount(channel, body.address(), body.name(), body.settings());
    return Response.status(201).entity(a).build();
  }

  public record ChannelAccountUpdate(String name, Boolean active, Map<String, String> settings) {}

  @PUT
  @Path("/channel-accounts/{id}")
  @RolesAllowed("ADMIN")
  public ChannelAccountView updateChannelAccount(
      @PathParam("id") long id, ChannelAccountUpdate body) {
    TicketResource.require(body);
    return directory.updateChannelAccount(id, body.name(), body.active(), body.settings());
  }

  /**
   * Rebuilds the search indexes from the database in the background (after switching the search
   * backend, or a lost local index): 202 with the run's status.
   */
  @POST
  @Path("/search/reindex")
  @RolesAllowed("ADMIN")
  public Response reindex() {
    return Response.accepted(indexing.start(caller.get())).build();
  }

  @GET
  @Path("/search/reindex")
  @RolesAllowed("ADMIN")
  public dev.helpdesk.application.SearchIndexing.Status reindexStatus() {
    return indexing.status();
  }
}
