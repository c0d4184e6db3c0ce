package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.TicketFilter;
import dev.helpdesk.application.TicketService;
import dev.helpdesk.application.Views.MessageView;
import dev.helpdesk.application.Views.Page;
import dev.helpdesk.application.Views.TicketDetails;
import dev.helpdesk.application.Views.TicketSummary;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.ticket.Priority;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tickets: the inbox list, one ticket's timeline, and everything an agent does to a ticket. */
@Path("/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
public class TicketResource {
  @Inject TicketService tickets;
  @Inject dev.helpdesk.application.ChatService chat;
  @Inject CurrentCaller caller;
  @Inject dev.helpdesk.application.Router router;

  public record ReplyRequest(
      String text, String html, String channel, String status, List<FileUpload> attachments) {}

  /** A file sent with a reply: {@code data} is base64. */
  public record FileUpload(String filename, String contentType, String data) {}

  public record NoteRequest(String text) {}

  public record AssignRequest(Long agentId) {}

  public record TeamRequest(Long teamId) {}

  public record StatusRequest(String status) {}

  public record PriorityRequest(String priority) {}

  public record TagsRequest(Set<String> add, Set<String> remove) {}

  public record MergeRequest(Long into) {}

  /**
   * Lists tickets, most recent activity first. Filters: {@code status} (comma-separated), {@code
   * team} (an id, or {@code mine}: the caller's teams), {@code assignee} (an id, {@code me} or
   * {@code none}), {@code channel}, {@code tag}, {@code topic}, {@code contact}, {@code q} (full
   * text, English and Arabic). {@code sort=waiting}: only tickets waiting for an answer, longest
   * waiting first. Page with {@code cursor} = the previous page's {@code nextCursor}.
   */
  @GET
  public Page<TicketSummary> list(
      @QueryParam("status") String status,
      @QueryParam("team") String team,
      @QueryParam("assignee") String assignee,
      @QueryParam("channel") String channel,
      @QueryParam("tag") String tag,
      @QueryParam("topic") String topic,
      @QueryParam("contact") Long contact,
      @QueryParam("q") String q,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    boolean waiting = "waiting".equals(sort);
    if (sort != null && !sort.isBlank() && !waiting && !"recent".equals(sort)) {
      throw new BadParameterException("sort", "sort must be 'recent' (default) or 'waiting'");
    }
    Set<TicketStatus> statuses = null;
    if (status != null && !status.isBlank()) {
      statuses = EnumSet.noneOf(TicketStatus.class);
      for (String s : status.split(",")) {
        statuses.add(parse(TicketStatus.class, "status", s));
      }
    }
    Long assigneeId = null;
    if (assignee != null && !assignee.isBlank()) {
      assigneeId =
          switch (assignee) {
            case "me" -> caller.get().agentId();
            case "none" -> 0L;
            default -> {
              try {
                yield Long.parseLong(assignee);
              } catch (NumberFormatException e) {
                throw new BadParameterException(
                    "assignee", "assignee must be an agent id, 'me' or 'none'");
              }
            }
          };
    }
    Set<Long> teams = null;
    if (team != null && !team.isBlank()) {
      if ("mine".equals(team)) {
        teams = caller.get().teamIds();
      } else {
        try {
          teams = Set.of(Long.parseLong(team));
        } catch (NumberFormatException e) {
          throw new BadParameterException("team", "team must be a team id or 'mine'");
        }
      }
    }
    Channel ch =
        channel == null || channel.isBlank() ? null : parse(Channel.class, "channel", channel);
    return tickets.list(
        caller.get(),
        new TicketFilter(
            statuses, teams, assigneeId, ch, blank(tag), blank(topic), contact, blank(q)),
        waiting,
        cursor,
        limit);
  }

  /** Open tickets per inbox view and tickets per status and channel, for the inbox's counters. */
  @GET
  @Path("/counts")
  public dev.helpdesk.application.Views.Counts counts() {
    return tickets.counts(caller.get());
  }

  @GET
  @Path("/{id}")
  public TicketDetails get(@PathParam("id") long id) {
    return tickets.get(caller.get(), id);
  }

  /**
   * A public reply to the shopper; 202: it is queued, its deliveryStatus moves to SENT or FAILED.
   */
  @POST
  @Path("/{id}/replies")
  public Response reply(@PathParam("id") long id, ReplyRequest body) {
    require(body);
    Channel ch = body.channel() == null ? null : parse(Channel.class, "channel", body.channel());
    TicketStatus st =
        body.status() == null ? null : parse(TicketStatus.class, "status", body.status());
    List<TicketService.NewAttachment> files = new java.util.ArrayList<>();
    if (body.attachments() != null) {
      for (FileUpload f : body.attachments()) {
        if (f == null || f.data() == null) {
          throw new BadParameterException("attachments", "each attachment needs base64 data");
        }
        try {
          files.add(
              new TicketService.NewAttachment(
                  f.filename(),
                  f.contentType(),
                  java.util.Base64.getMimeDecoder().decode(f.data())));
        } catch (IllegalArgumentException e) {
          throw new BadParameterException("attachments", "data is not base64: " + e.getMessage());
        }
      }
    }
    MessageView m = tickets.reply(caller.get(), id, body.text(), body.html(), ch, st, files);
    return Response.accepted(m).build();
  }

  @POST
  @Path("/{id}/notes")
  public Response note(@PathParam("id") long id, NoteRequest body) {
    require(body);
    return Response.status(201).entity(tickets.note(caller.get(), id, body.text())).build();
  }

  /** Assigns ({@code {"agentId": 7}}) or unassigns ({@code {"agentId": null}}). */
  @PUT
  @Path("/{id}/assignee")
  public TicketSummary assign(@PathParam("id") long id, AssignRequest body) {
    require(body);
    return tickets.assign(caller.get(), id, body.agentId());
  }

  @PUT
  @Path("/{id}/team")
  public TicketSummary team(@PathParam("id") long id, TeamRequest body) {
    require(body);
    return tickets.setTeam(caller.get(), id, body.teamId());
  }

  @PUT
  @Path("/{id}/status")
  public TicketSummary status(@PathParam("id") long id, StatusRequest body) {
    require(body);
    return tickets.changeStatus(
        caller.get(), id, parse(TicketStatus.class, "status", body.status()));
  }

  public record TopicRequest(String topic) {}

  /** An agent corrects the topic routing gave: it stays, and the classifier learns from it. */
  @PUT
  @Path("/{id}/topic")
  public TicketDetails topic(@PathParam("id") long id, TopicRequest body) {
    require(body);
    return router.correctTopic(caller.get(), id, body.topic());
  }

  @PUT
  @Path("/{id}/priority")
  public TicketSummary priority(@PathParam("id") long id, PriorityRequest body) {
    require(body);
    return tickets.setPriority(
        caller.get(), id, parse(Priority.class, "priority", body.priority()));
  }

  @POST
  @Path("/{id}/tags")
  public TicketSummary tags(@PathParam("id") long id, TagsRequest body) {
    require(body);
    return tickets.updateTags(caller.get(), id, body.add(), body.remove());
  }

  /** Merges this ticket into {@code into}; answers with the surviving ticket. */
  @POST
  @Path("/{id}/merge")
  public TicketDetails merge(@PathParam("id") long id, MergeRequest body) {
    require(body);
    if (body.into() == null) {
      throw new dev.helpdesk.application.InvalidRequestException(
          "into", "into (the ticket to merge into) is required");
    }
    return tickets.merge(caller.get(), id, body.into());
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new dev.helpdesk.application.InvalidRequestException(
          field,
          field
              + " must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", not '"
              + value
              + "'");
    }
  }

  static void require(Object body) {
    if (body == null) {
      throw new dev.helpdesk.application.InvalidRequestException(null, "a JSON body is required");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The chat context of a ticket: the shopper's identity, cart and read positions. */
  @GET
  @Path("/{id}/chat")
  public dev.helpdesk.application.ChatService.ChatView chat(@PathParam("id") long id) {
    return chat.chatOf(caller.get(), id);
  }

  /** The agent has read the shopper's chat messages: the widget shows them as read. */
  @POST
  @Path("/{id}/read")
  public Response read(@PathParam("id") long id) {
    chat.agentRead(caller.get(), id);
    return Response.noContent().build();
  }

  /** The agent is typing: the shopper's widget shows "… is typing" for a few seconds. */
  @POST
  @Path("/{id}/typing")
  public Response typing(@PathParam("id") long id) {
    chat.agentTyping(caller.get(), id);
    return Response.noContent().build();
  }
}
