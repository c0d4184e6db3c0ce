package dev.helpdesk.application;

import dev.helpdesk.application.Views.ActivityView;
import dev.helpdesk.application.Views.ContactView;
import dev.helpdesk.application.Views.MessageView;
import dev.helpdesk.application.Views.Page;
import dev.helpdesk.application.Views.TicketDetails;
import dev.helpdesk.application.Views.TicketSummary;
import dev.helpdesk.connectors.html.HtmlSanitizer;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.MessageAttachment;
import dev.helpdesk.domain.model.ticket.Priority;
import dev.helpdesk.domain.model.ticket.ThreadKey;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.search.mapper.orm.Search;

/** Working tickets: the inbox list, the timeline, replies, notes and every ticket action. */
@Stateless
public class TicketService {
  static final int MAX_PAGE = 200;
  static final int MAX_TEXT = 64 * 1024;

  /** Newest matching messages taken from the index before SQL filters and pages their tickets. */
  static final int SEARCH_HITS = 1000;

  @PersistenceContext EntityManager em;
  @Inject dev.helpdesk.application.internal.TeamLoads teamLoads;
  @Inject OutboundQueue outbound;
  @Inject dev.helpdesk.application.internal.MetricFacts metrics;
  @Inject Surveys surveys;
  @Inject dev.helpdesk.application.internal.AttachmentStore attachmentStore;
  @Inject Event<TicketEvent> events;

  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  /**
   * One page of tickets the caller may see, most recent activity first. {@code cursor} is the
   * {@code nextCursor} of the previous page (keyset pagination: stable under inserts, no OFFSET).
   */
  public Page<TicketSummary> list(Caller caller, TicketFilter f, String cursor, int limit) {
    return list(caller, f, false, cursor, limit);
  }

  /**
   * As {@link #list(Caller, TicketFilter, String, int)}; with {@code longestWaiting} only tickets
   * waiting for an answer, the one waiting longest first.
   */
  public Page<TicketSummary> list(
      Caller caller, TicketFilter f, boolean longestWaiting, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_PAGE);
    }
    StringBuilder jpql = new StringBuilder("select t from Ticket t where t.mergedInto is null");
    Map<String, Object> params = new HashMap<>();
    if (!caller.seesAllTickets()) {
      jpql.append(" and (t.team is null or t.team.id in :myTeams or t.assignee.id = :me)");
      params.put("myTeams", caller.teamIds().isEmpty() ? Set.of(-1L) : caller.teamIds());
      params.put("me", caller.agentId());
    }
    if (f.statuses() != null && !f.statuses().isEmpty()) {
      jpql.append(" and t.status in :statuses");
      params.put("statuses", f.statuses());
    }
    if (f.teamIds() != null) {
      jpql.append(" and t.team.id in :teams");
      params.put("teams", f.teamIds().isEmpty() ? Set.of(-1L) : f.teamIds());
    }
    if (f.assigneeId() != null) {
      if (f.assigneeId() == 0) {
        jpql.append(" and t.assignee is null");
      } else {
        jpql.append(" and t.assignee.id = :assignee");
        params.put("assignee", f.assigneeId());
      }
    }
    if (f.channel() != null) {
      jpql.append(" and t.channel = :channel");
      params.put("channel", f.channel());
    }
    if (f.tag() != null) {
      jpql.append(" and :tag member of t.tags");
      params.put("tag", f.tag().toLowerCase(java.util.Locale.ROOT));
    }
    if (f.topic() != null) {
      jpql.append(" and t.topic = :topic");
      params.put("topic", f.topic());
    }
    if (f.contactId() != null) {
      jpql.append(" and t.contact.id = :contact");
      params.put("contact", f.contactId());
    }
    if (f.text() != null && !f.text().isBlank()) {
      Set<Long> ids = search(f.text());
      if (ids.isEmpty()) {
        return new Page<>(List.of(), null);
      }
      jpql.append(" and t.id in :ids");
      params.put("ids", ids);
    }
    if (longestWaiting) {
      jpql.append(" and t.waitingSince is not null");
    }
    if (cursor != null && !cursor.isBlank()) {
      Object[] c = decodeCursor(cursor);
      jpql.append(
          longestWaiting
              ? " and (t.waitingSince > :cAt or (t.waitingSince = :cAt and t.id > :cId))"
              : " and (t.lastMessageAt < :cAt or (t.lastMessageAt = :cAt and t.id < :cId))");
      params.put("cAt", c[0]);
      params.put("cId", c[1]);
    }
    jpql.append(
        longestWaiting
            ? " order by t.waitingSince asc, t.id asc"
            : " order by t.lastMessageAt desc, t.id desc");
    TypedQuery<Ticket> q = em.createQuery(jpql.toString(), Ticket.class);
    params.forEach(q::setParameter);
    List<Ticket> rows = q.setMaxResults(limit + 1).getResultList();
    boolean more = rows.size() > limit;
    List<Ticket> page = more ? rows.subList(0, limit) : rows;
    List<TicketSummary> items = page.stream().map(TicketSummary::of).toList();
    Ticket last = more ? page.get(page.size() - 1) : null;
    String next =
        last == null
            ? null
            : encodeCursor(longestWaiting ? last.getWaitingSince() : last.getLastMessageAt(), last);
    return new Page<>(items, next);
  }

  /**
   * Ids of tickets whose subject or messages match a full-text query, in English or Arabic: the
   * most recent matches, since the list shows newest activity first (relevance order would drop
   * this week's tickets behind older ones when a word is common).
   */
  private Set<Long> search(String text) {
    // one index: a ticket's subject is its first message's subject (or text), so messages cover
    // both
    return new LinkedHashSet<>(
        Search.session(em)
            .search(Message.class)
            .select(f -> f.field("ticketId", Long.class))
            .where(
                f ->
                    f.simpleQueryString()
                        .fields("text_en", "text_ar", "subject_en", "subject_ar")
                        .matching(text)
                        .defaultOperator(
                            org.hibernate.search.engine.search.common.BooleanOperator.AND))
            .sort(f -> f.field("createdAt").desc())
            .fetchHits(SEARCH_HITS));
  }

  static String encodeCursor(Instant at, Ticket t) {
    String raw = at.getEpochSecond() + "." + at.getNano() + "." + t.getId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static Object[] decodeCursor(String cursor) {
    try {
      String[] p =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.");
      return new Object[] {
        Instant.ofEpochSecond(Long.parseLong(p[0]), Long.parseLong(p[1])), Long.parseLong(p[2])
      };
    } catch (RuntimeException e) {
      throw new InvalidRequestException("cursor", "cursor is not one this API returned");
    }
  }

  /**
   * How many open tickets (NEW, OPEN, PENDING) each inbox view holds for this caller, and the
   * visible tickets per status and per channel.
   */
  public Views.Counts counts(Caller caller) {
    String visible = "t.mergedInto is null";
    Map<String, Object> params = new HashMap<>();
    if (!caller.seesAllTickets()) {
      visible += " and (t.team is null or t.team.id in :myTeams or t.assignee.id = :me)";
      params.put("myTeams", caller.teamIds().isEmpty() ? Set.of(-1L) : caller.teamIds());
      params.put("me", caller.agentId());
    }
    var q =
        em.createQuery(
            "select t.status, t.channel, t.topic,"
                + " sum(case when t.assignee.id = :self then 1 else 0 end),"
                + " sum(case when t.assignee is null then 1 else 0 end),"
                + " sum(case when t.team.id in :teams then 1 else 0 end), count(t)"
                + " from Ticket t where "
                + visible
                + " group by t.status, t.channel, t.topic",
            Object[].class);
    params.forEach(q::setParameter);
    q.setParameter("self", caller.agentId());
    q.setParameter("teams", caller.teamIds().isEmpty() ? Set.of(-1L) : caller.teamIds());
    long mine = 0, unassigned = 0, teams = 0, open = 0;
    Map<String, Long> byStatus = new java.util.TreeMap<>();
    Map<String, Long> byChannel = new java.util.TreeMap<>();
    Map<String, Long> byTopic = new java.util.TreeMap<>();
    for (Object[] r : q.getResultList()) {
      TicketStatus st = (TicketStatus) r[0];
      long n = ((Number) r[6]).longValue();
      byStatus.merge(st.name(), n, Long::sum);
      if (st.isOpen()) {
        byChannel.merge(((Channel) r[1]).name(), n, Long::sum);
        if (r[2] != null) {
          byTopic.merge((String) r[2], n, Long::sum);
        }
        mine += ((Number) r[3]).longValue();
        unassigned += ((Number) r[4]).longValue();
        teams += ((Number) r[5]).longValue();
        open += n;
      }
    }
    return new Views.Counts(mine, unassigned, teams, open, byStatus, byChannel, byTopic);
  }

  /** The whole ticket: summary, contact, messages in order and the audit timeline. */
  public TicketDetails get(Caller caller, long id) {
    Ticket t = visible(caller, id);
    List<MessageView> messages =
        em
            .createQuery(
                "select m from Message m where m.ticket = :t order by m.sequence", Message.class)
            .setParameter("t", t)
            .getResultList()
            .stream()
            .map(MessageView::of)
            .toList();
    List<ActivityView> activities =
        em
            .createQuery(
                "select a from TicketActivity a where a.ticket = :t order by a.at, a.id",
                TicketActivity.class)
            .setParameter("t", t)
            .getResultList()
            .stream()
            .map(ActivityView::of)
            .toList();
    return new TicketDetails(
        TicketSummary.of(t),
        ContactView.of(t.getContact()),
        t.getOrderRef(),
        t.getCartRef(),
        t.getFirstResponseAt(),
        t.getSolvedAt(),
        t.getMergedInto() == null ? null : t.getMergedInto().getId(),
        t.getFollowUpOf() == null ? null : t.getFollowUpOf().getId(),
        messages,
        activities);
  }

  /** A file an agent attaches to a reply. */
  public record NewAttachment(String filename, String contentType, byte[] data) {}

  /**
   * A public reply, stored QUEUED and handed to the outbound queue in the same transaction. It goes
   * out on {@code channel}, by default the channel the shopper last wrote on.
   *
   * @param status optional status to set with the reply (e.g. SOLVED, PENDING)
   * @param files attachments, stored once each like inbound ones
   */
  public MessageView reply(
      Caller caller,
      long ticketId,
      String text,
      String html,
      Channel channel,
      TicketStatus status,
      List<NewAttachment> files) {
    Ticket t = writable(caller, ticketId);
    Agent me = agent(caller);
    String body = requireText(text, html);
    Channel via = channel != null ? channel : lastInboundChannel(t);
    Message m = Message.reply(t, via, me, body);
    if (html != null && !html.isBlank()) {
      m.setHtml(sanitizer.sanitize(html));
    }
    em.persist(m);
    for (NewAttachment f : files == null ? List.<NewAttachment>of() : files) {
      if (f.data() == null || f.data().length == 0) {
        throw new InvalidRequestException("attachments", "an attachment has no data");
      }
      String name =
          f.filename() == null || f.filename().isBlank()
              ? "attachment"
              : f.filename().replaceAll("[\\p{Cntrl}/\\\\]", "_");
      String type =
          f.contentType() == null || !f.contentType().matches("[\\w.+-]+/[\\w.+-]+")
              ? "application/octet-stream"
              : f.contentType();
      MessageAttachment a =
          new MessageAttachment(m, attachmentStore.store(f.data()), name, type, null);
      em.persist(a);
      m.getAttachments().add(a);
    }
    Instant now = Instant.now();
    metrics.replied(t, me, now);
    t.setPreview(body);
    if (status != null) {
      changeStatus(t, me, status, now);
    }
    outbound.enqueue(m.getId(), 0);
    fire(TicketEvent.Type.MESSAGE_ADDED, t, m.getId());
    return MessageView.of(m);
  }

  /** An attachment's content, for a caller who may see its ticket. */
  public record AttachmentContent(String filename, String contentType, byte[] data) {}

  public AttachmentContent attachment(Caller caller, long messageAttachmentId) {
    MessageAttachment a = em.find(MessageAttachment.class, messageAttachmentId);
    if (a == null) {
      throw new NotFoundException("attachment", messageAttachmentId);
    }
    Message m =
        em.createQuery(
                "select m from Message m join m.attachments a where a.id = :id", Message.class)
            .setParameter("id", messageAttachmentId)
            .getSingleResult();
    Ticket t = visible(caller, m.getTicketId());
    if (t.getMergedInto() != null && !caller.canSee(t.getMergedInto())) {
      throw new AccessDeniedException(
          "attachment " + messageAttachmentId + " belongs to a team you are not in");
    }
    return new AttachmentContent(a.getFilename(), a.getContentType(), a.getContent().getData());
  }

  /** A message exactly as it arrived (an e-mail's RFC 822 source), for a caller who may see it. */
  public byte[] rawMessage(Caller caller, long messageId) {
    Message m = em.find(Message.class, messageId);
    if (m == null) {
      throw new NotFoundException("message", messageId);
    }
    visible(caller, m.getTicketId());
    if (m.getRaw() == null) {
      throw new NotFoundException("raw source of message", messageId);
    }
    return m.getRaw().getData();
  }

  /** An internal note, seen by staff only. */
  public MessageView note(Caller caller, long ticketId, String text) {
    Ticket t = visible(caller, ticketId);
    requireStaff(caller);
    em.refresh(t, LockModeType.PESSIMISTIC_WRITE); // as writable(), but a closed ticket takes notes
    Message m = Message.note(t, agent(caller), requireText(text, null));
    em.persist(m);
    t.touch(Instant.now());
    fire(TicketEvent.Type.MESSAGE_ADDED, t, m.getId());
    return MessageView.of(m);
  }

  /** Assigns to an agent, or unassigns with {@code agentId == null}. */
  public TicketSummary assign(Caller caller, long ticketId, Long agentId) {
    Ticket t = writable(caller, ticketId);
    Agent me = agent(caller);
    Agent to = null;
    if (agentId != null) {
      to = em.find(Agent.class, agentId);
      if (to == null
          || !to.isActive()
          || !(to.hasRole(Role.AGENT) || to.hasRole(Role.MANAGER) || to.hasRole(Role.ADMIN))) {
        throw new InvalidRequestException(
            "agentId", "agent " + agentId + " does not exist or cannot take tickets");
      }
      if (!caller.seesAllTickets()
          && to.getId() != caller.agentId()
          && t.getTeam() != null
          && to.getTeams().stream().noneMatch(x -> x.getId().equals(t.getTeam().getId()))) {
        throw new InvalidRequestException(
            "agentId", to.getLogin() + " is not in team " + t.getTeam().getName());
      }
    }
    Agent before = t.getAssignee();
    if (before == to || (before != null && to != null && before.getId().equals(to.getId()))) {
      return TicketSummary.of(t);
    }
    t.setAssignee(to);
    teamLoads.forget(); // the agents' loads changed
    em.persist(
        new TicketActivity(
            t,
            me,
            to == null ? TicketActivity.Type.UNASSIGNED : TicketActivity.Type.ASSIGNED,
            to == null ? before.getLogin() : to.getLogin(),
            Instant.now()));
    fire(TicketEvent.Type.TICKET_UPDATED, t, null);
    return TicketSummary.of(t);
  }

  /** Moves a ticket to a team (null: back to the shared queue). */
  public TicketSummary setTeam(Caller caller, long ticketId, Long teamId) {
    Ticket t = writable(caller, ticketId);
    Team team = null;
    if (teamId != null) {
      team = em.find(Team.class, teamId);
      if (team == null) {
        throw new InvalidRequestException("teamId", "team " + teamId + " does not exist");
      }
    }
    t.setTeam(team);
    em.persist(
        new TicketActivity(
            t,
            agent(caller),
            TicketActivity.Type.TEAM_CHANGED,
            team == null ? "none" : team.getName(),
            Instant.now()));
    fire(TicketEvent.Type.TICKET_UPDATED, t, null);
    return TicketSummary.of(t);
  }

  public TicketSummary changeStatus(Caller caller, long ticketId, TicketStatus status) {
    Ticket t = visible(caller, ticketId);
    requireStaff(caller);
    em.refresh(t, LockModeType.PESSIMISTIC_WRITE); // as writable(): wait for a change in flight
    changeStatus(t, agent(caller), status, Instant.now());
    teamLoads.forget(); // the assignee's load changed
    fire(TicketEvent.Type.TICKET_UPDATED, t, null);
    return TicketSummary.of(t);
  }

  private void changeStatus(Ticket t, Agent actor, TicketStatus status, Instant now) {
    if (status == null) {
      throw new InvalidRequestException("status", "status is required");
    }
    TicketStatus before = t.getStatus();
    if (before == status) {
      return;
    }
    try {
      t.changeStatus(status, now);
    } catch (IllegalStateException e) {
      throw new ConflictException(e.getMessage());
    }
    if (status == TicketStatus.SOLVED) {
      metrics.solved(t, actor, now);
      surveys.solved(t, actor, now);
    }
    em.persist(
        new TicketActivity(
            t, actor, TicketActivity.Type.STATUS_CHANGED, before + " → " + status, now));
  }

  public TicketSummary setPriority(Caller caller, long ticketId, Priority priority) {
    if (priority == null) {
      throw new InvalidRequestException("priority", "priority is required");
    }
    Ticket t = writable(caller, ticketId);
    Priority before = t.getPriority();
    if (before != priority) {
      t.setPriority(priority);
      em.persist(
          new TicketActivity(
              t,
              agent(caller),
              TicketActivity.Type.PRIORITY_CHANGED,
              before + " → " + priority,
              Instant.now()));
      fire(TicketEvent.Type.TICKET_UPDATED, t, null);
    }
    return TicketSummary.of(t);
  }

  /** Adds and removes tags (lower-cased, trimmed). */
  public TicketSummary updateTags(
      Caller caller, long ticketId, Set<String> add, Set<String> remove) {
    Ticket t = writable(caller, ticketId);
    Set<String> adding = add == null ? Set.of() : Views.lower(add);
    Set<String> removing = remove == null ? Set.of() : Views.lower(remove);
    for (String tag : adding) {
      if (tag.length() > 100 || !tag.matches("[\\p{L}\\p{N}_\\-:. ]+")) {
        throw new InvalidRequestException("add", "invalid tag: " + tag);
      }
    }
    Set<String> before = new TreeSet<>(t.getTags());
    t.getTags().addAll(adding);
    t.getTags().removeAll(removing);
    if (!before.equals(t.getTags())) {
      t.touch(t.getLastMessageAt());
      em.persist(
          new TicketActivity(
              t,
              agent(caller),
              TicketActivity.Type.TAGS_CHANGED,
              String.join(",", t.getTags()),
              Instant.now()));
      fire(TicketEvent.Type.TICKET_UPDATED, t, null);
    }
    return TicketSummary.of(t);
  }

  /**
   * Merges {@code sourceId} into {@code targetId}: its messages (renumbered after the target's),
   * thread keys and tags move over; the source is closed and points at the target, so later
   * messages on the source's thread land on the target.
   */
  public TicketDetails merge(Caller caller, long sourceId, long targetId) {
    if (sourceId == targetId) {
      throw new InvalidRequestException("targetId", "a ticket cannot be merged into itself");
    }
    Ticket source = writable(caller, sourceId);
    Ticket target = writable(caller, targetId);
    em.lock(source, LockModeType.PESSIMISTIC_WRITE);
    em.lock(target, LockModeType.PESSIMISTIC_WRITE);
    Agent me = agent(caller);
    List<Message> moving =
        em.createQuery(
                "select m from Message m where m.ticket = :t order by m.sequence", Message.class)
            .setParameter("t", source)
            .getResultList();
    // moved messages take sequence numbers after the target's own, in their original order
    for (Message m : moving) {
      m.moveTo(target);
    }
    for (ThreadKey k :
        em.createQuery("select k from ThreadKey k where k.ticket = :t", ThreadKey.class)
            .setParameter("t", source)
            .getResultList()) {
      k.moveTo(target);
    }
    target.getTags().addAll(source.getTags());
    if (source.getWaitingSince() != null) {
      target.shopperWrote(source.getWaitingSince());
    }
    target.touch(source.getLastMessageAt());
    source.mergeInto(target);
    Instant now = Instant.now();
    em.persist(
        new TicketActivity(source, me, TicketActivity.Type.MERGED, "#" + target.getId(), now));
    em.persist(
        new TicketActivity(
            target,
            me,
            TicketActivity.Type.MERGED_FROM,
            "#" + source.getId() + " (" + moving.size() + " messages)",
            now));
    fire(TicketEvent.Type.TICKET_UPDATED, source, null);
    fire(TicketEvent.Type.TICKET_UPDATED, target, null);
    em.flush();
    return get(caller, targetId);
  }

  private Ticket visible(Caller caller, long id) {
    return TicketAccess.visible(em, caller, id);
  }

  /**
   * The ticket, locked for this change and read afresh under the lock: routing, ingest and the
   * other agents' changes lock the same row, so a change waits for one in flight instead of failing
   * on its version at commit.
   */
  private Ticket writable(Caller caller, long id) {
    Ticket t = visible(caller, id);
    requireStaff(caller);
    em.refresh(t, LockModeType.PESSIMISTIC_WRITE);
    if (t.getMergedInto() != null) {
      throw new ConflictException(
          "ticket #" + id + " was merged into #" + t.getMergedInto().getId());
    }
    if (t.getStatus() == TicketStatus.CLOSED) {
      throw new ConflictException("ticket #" + id + " is closed");
    }
    return t;
  }

  private static void requireStaff(Caller caller) {
    if (!(caller.has(Role.AGENT) || caller.has(Role.MANAGER) || caller.has(Role.ADMIN))) {
      throw new AccessDeniedException("only staff can work tickets");
    }
  }

  private Agent agent(Caller caller) {
    return em.getReference(Agent.class, caller.agentId());
  }

  private Channel lastInboundChannel(Ticket t) {
    return Surveys.lastInboundChannel(em, t);
  }

  private static String requireText(String text, String html) {
    String body = text;
    if ((body == null || body.isBlank()) && html != null) {
      body = HtmlSanitizer.toText(html);
    }
    if (body == null || body.isBlank()) {
      throw new InvalidRequestException("text", "text is required");
    }
    if (body.length() > MAX_TEXT) {
      throw new InvalidRequestException("text", "text is longer than " + MAX_TEXT + " characters");
    }
    return body;
  }

  private void fire(TicketEvent.Type type, Ticket t, Long messageId) {
    events.fire(TicketEvent.of(type, t, messageId));
  }
}
