package dev.helpdesk.application;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.ticket.DeliveryStatus;
import dev.helpdesk.domain.model.ticket.Direction;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.Priority;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import dev.helpdesk.domain.model.ticket.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The read models services return: plain records, safe to serialise outside a transaction. */
public final class Views {
  /**
   * One JSON-P provider: Json.createX looks the provider up through ServiceLoader on every call.
   */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private Views() {}

  public record Ref(long id, String name) {
    static Ref of(Team t) {
      return t == null ? null : new Ref(t.getId(), t.getName());
    }

    static Ref of(Agent a) {
      return a == null ? null : new Ref(a.getId(), a.getDisplayName());
    }

    /**
     * As {@link #of(Team)}, the name of a team not loaded in this transaction from {@code names}.
     */
    static Ref of(Team t, dev.helpdesk.application.internal.Names names) {
      return t == null ? null : cached(t, t.getId(), names::team, () -> of(t));
    }

    /**
     * As {@link #of(Agent)}, the name of an agent not loaded in this transaction from {@code
     * names}.
     */
    static Ref of(Agent a, dev.helpdesk.application.internal.Names names) {
      return a == null ? null : cached(a, a.getId(), names::agent, () -> of(a));
    }

    /** A reference's name from {@code name} (no row read); an entity loaded already, as it is. */
    private static Ref cached(
        Object entity,
        long id,
        java.util.function.LongFunction<String> name,
        java.util.function.Supplier<Ref> loaded) {
      String n = org.hibernate.Hibernate.isInitialized(entity) ? null : name.apply(id);
      return n == null ? loaded.get() : new Ref(id, n);
    }
  }

  public record Identity(String kind, String value) {}

  public record ContactView(
      long id,
      String name,
      String preferredLanguage,
      List<Identity> identities,
      Instant createdAt,
      boolean vip) {
    public static ContactView of(Contact c) {
      return new ContactView(
          c.getId(),
          c.getName(),
          c.getPreferredLanguage(),
          c.getIdentities().stream()
              .map(i -> new Identity(i.getKind().name(), i.getValue()))
              .toList(),
          c.getCreatedAt(),
          c.isVip());
    }
  }

  public record TicketSummary(
      long id,
      String reference,
      String subject,
      String preview,
      TicketStatus status,
      Priority priority,
      String topic,
      Channel channel,
      String language,
      Ref team,
      Ref assignee,
      Ref contact,
      Set<String> tags,
      Instant createdAt,
      Instant lastMessageAt,
      Instant waitingSince,
      String slaKind,
      Instant slaDueAt) {
    public static TicketSummary of(Ticket t) {
      return of(t, Ref.of(t.getTeam()), Ref.of(t.getAssignee()));
    }

    /**
     * As {@link #of(Ticket)}, the team's and agent's names from {@code names} when this transaction
     * has not loaded them (the staff stream's summary of a ticket routing has just assigned: no
     * rows read for two names).
     */
    public static TicketSummary of(Ticket t, dev.helpdesk.application.internal.Names names) {
      return of(t, Ref.of(t.getTeam(), names), Ref.of(t.getAssignee(), names));
    }

    private static TicketSummary of(Ticket t, Ref team, Ref assignee) {
      return new TicketSummary(
          t.getId(),
          "#" + t.getId(),
          t.getSubject(),
          t.getPreview(),
          t.getStatus(),
          t.getPriority(),
          t.getTopic(),
          t.getChannel(),
          t.getLanguage(),
          team,
          assignee,
          new Ref(t.getContact().getId(), t.getContact().getName()),
          Set.copyOf(t.getTags()),
          t.getCreatedAt(),
          t.getLastMessageAt(),
          t.getWaitingSince(),
          t.getSlaKind(),
          t.getSlaDueAt());
    }
  }

  public record AttachmentView(long id, String filename, String contentType, long size) {}

  public record MessageView(
      long id,
      int sequence,
      Direction direction,
      Visibility visibility,
      Channel channel,
      String externalId,
      Ref authorAgent,
      Ref authorContact,
      String subject,
      String text,
      String fullText,
      String html,
      Instant sentAt,
      DeliveryStatus deliveryStatus,
      int deliveryAttempts,
      String deliveryError,
      Map<String, String> metadata,
      List<AttachmentView> attachments,
      boolean automatic,
      boolean rawAvailable) {
    public static MessageView of(Message m) {
      Contact c = m.getAuthorContact();
      return new MessageView(
          m.getId(),
          m.getSequence(),
          m.getDirection(),
          m.getVisibility(),
          m.getChannel(),
          m.getExternalId(),
          Ref.of(m.getAuthorAgent()),
          c == null ? null : new Ref(c.getId(), c.getName()),
          m.getSubject(),
          m.getText(),
          m.getFullText(),
          m.getHtml(),
          m.getSentAt(),
          m.getDeliveryStatus(),
          m.getDeliveryAttempts(),
          m.getDeliveryError(),
          metadata(m.getMetadata()),
          m.getAttachments().stream()
              .map(
                  a ->
                      new AttachmentView(
                          a.getId(), a.getFilename(), a.getContentType(), a.getContent().getSize()))
              .toList(),
          m.isAutomatic(),
          m.getRaw() != null);
    }

    /** JSON object text of string values (message metadata, chat context) as a map. */
    public static Map<String, String> metadata(String json) {
      Map<String, String> out = new TreeMap<>();
      if (json == null) {
        return out;
      }
      try (var reader = JSON.createReader(new java.io.StringReader(json))) {
        reader
            .readObject()
            .forEach(
                (k, v) ->
                    out.put(
                        k, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
      }
      return out;
    }
  }

  public record ActivityView(
      long id, Instant at, TicketActivity.Type type, Ref actor, String detail) {
    public static ActivityView of(TicketActivity a) {
      return new ActivityView(
          a.getId(), a.getAt(), a.getType(), Ref.of(a.getActor()), a.getDetail());
    }
  }

  public record TicketDetails(
      TicketSummary ticket,
      ContactView contact,
      String orderRef,
      String cartRef,
      Instant firstResponseAt,
      Instant solvedAt,
      Long mergedInto,
      Long followUpOf,
      List<MessageView> messages,
      List<ActivityView> activities) {}

  public record Page<T>(List<T> items, String nextCursor) {}

  /**
   * Open tickets per inbox view (assigned to me, unassigned, in my teams, all I may see) and the
   * visible tickets per status and (open ones) per channel and per topic.
   */
  public record Counts(
      long mine,
      long unassigned,
      long myTeams,
      long open,
      Map<String, Long> byStatus,
      Map<String, Long> byChannel,
      Map<String, Long> byTopic) {}

  public record TeamView(
      long id,
      String name,
      String description,
      String assignment,
      boolean sticky,
      Integer reassignAfterMinutes,
      String timeZone,
      String businessHours,
      String holidays) {
    public static TeamView of(Team t) {
      return new TeamView(
          t.getId(),
          t.getName(),
          t.getDescription(),
          t.getAssignment().name(),
          t.isSticky(),
          t.getReassignAfterMinutes(),
          t.getTimeZone(),
          t.getBusinessHours(),
          t.getHolidays());
    }
  }

  public record AgentView(
      long id,
      String login,
      String displayName,
      String email,
      Set<Role> roles,
      List<Ref> teams,
      Set<String> languages,
      Set<String> skills,
      int capacity,
      int chatCapacity,
      String availability,
      String uiLanguage,
      boolean active) {
    public static AgentView of(Agent a) {
      return new AgentView(
          a.getId(),
          a.getLogin(),
          a.getDisplayName(),
          a.getEmail(),
          a.getRoles(),
          a.getTeams().stream().map(Ref::of).toList(),
          a.getLanguages(),
          a.getSkills(),
          a.getCapacity(),
          a.getChatCapacity(),
          a.getAvailability().name(),
          a.getUiLanguage(),
          a.isActive());
    }
  }

  public record ContactDetails(ContactView contact, List<TicketSummary> tickets) {}

  static Set<String> lower(Set<String> in) {
    return in.stream()
        .map(s -> s.trim().toLowerCase(java.util.Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
