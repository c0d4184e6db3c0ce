package dev.helpdesk.application;

import dev.helpdesk.application.internal.MessageIngestion;
import dev.helpdesk.application.internal.MetricFacts;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.metrics.CsatSurvey;
import dev.helpdesk.domain.model.ticket.Direction;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import dev.helpdesk.infrastructure.ServerSettings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Customer satisfaction (docs/metrics.md, "CSAT"): when an agent solves a ticket a human answered,
 * a one-question survey is offered on the channel the shopper last wrote on: in the chat widget a
 * card at once; by e-mail and social messages a message with one link per score after {@code
 * helpdesk.csat.delay} (ISO duration, default PT1H), unless the ticket was reopened meanwhile. The
 * shopper's score (1-5) and comment are stored with the solve's agent, team, channel, topic and
 * language; reports give the share of satisfied answers (4 or 5) per dimension.
 */
@Stateless
public class Surveys {
  private static final Logger LOG = Logger.getLogger(Surveys.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The metadata key of the survey message that names its survey (the widget's card). */
  public static final String CSAT = "csat";

  @PersistenceContext EntityManager em;
  @Inject OutboundQueue outbound;
  @Inject Event<TicketEvent> events;

  /** Whether surveys are offered ({@code helpdesk.csat.enabled}, default true). */
  static boolean enabled() {
    String v = ServerSettings.get("helpdesk.csat.enabled", "HELPDESK_CSAT", "true");
    return !"false".equalsIgnoreCase(v) && !"off".equalsIgnoreCase(v);
  }

  /** {@code helpdesk.csat.delay}; an unreadable setting is logged and the default used. */
  static Duration delay() {
    String v = ServerSettings.get("helpdesk.csat.delay", "HELPDESK_CSAT_DELAY", "PT1H");
    try {
      Duration d = Duration.parse(v);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (java.time.format.DateTimeParseException e) {
      LOG.warning("helpdesk.csat.delay " + v + " is not an ISO-8601 duration (PT1H): using PT1H");
      return Duration.ofHours(1);
    }
  }

  /**
   * A human agent solved the ticket: a survey for this solve, if a human answered it. In the
   * solve's transaction; a chat's goes out at once.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void solved(Ticket t, Agent agent, Instant now) {
    if (!enabled() || t.getFirstResponseAt() == null) {
      return; // self-served or never answered by a person: nothing to rate
    }
    Channel via = lastInboundChannel(em, t);
    Duration delay = via == Channel.CHAT ? Duration.ZERO : delay();
    int segment = t.getReopenCount() + 1;
    long already =
        em.createQuery(
                "select count(s) from CsatSurvey s where s.ticketId = :t and s.segment = :g",
                Long.class)
            .setParameter("t", t.getId())
            .setParameter("g", segment)
            .getSingleResult();
    if (already > 0) {
      return; // solved, set open by an agent without a reopen, solved again
    }
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    CsatSurvey s =
        new CsatSurvey(
            Base64.getUrlEncoder().withoutPadding().encodeToString(random),
            MetricFacts.dimensions(t, agent != null ? agent : t.getAssignee()),
            segment,
            now,
            now.plus(delay));
    em.persist(s);
    if (delay.isZero()) {
      send(t, s, via, now);
    }
  }

  /**
   * Sends the surveys that are due (the SLA timer's tick, every node: a row lock and the {@code
   * sent_at} check make each go out once). A survey whose ticket is no longer solved is cancelled.
   *
   * @return how many went out
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int sendDue(Instant now) {
    List<CsatSurvey> due =
        em.createQuery(
                "select s from CsatSurvey s where s.sentAt is null and s.cancelled = false"
                    + " and s.sendAfter <= :now order by s.id",
                CsatSurvey.class)
            .setParameter("now", now)
            .setMaxResults(100)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setHint("jakarta.persistence.lock.timeout", -2) // skip locked: another node has it
            .getResultList();
    int sent = 0;
    for (CsatSurvey s : due) {
      Ticket t = em.find(Ticket.class, s.getTicketId());
      if ((t.getStatus() != TicketStatus.SOLVED && t.getStatus() != TicketStatus.CLOSED)
          || t.getMergedInto() != null) {
        s.cancel(); // reopened (the shopper is still being helped) or merged into another
        continue;
      }
      send(t, s, lastInboundChannel(em, t), now);
      sent++;
    }
    return sent;
  }

  private void send(Ticket t, CsatSurvey s, Channel via, Instant now) {
    if (!s.send(now)) {
      return;
    }
    boolean arabic = "ar".equals(s.getLanguage());
    String text =
        via == Channel.CHAT
            ? (arabic
                ? "كيف كانت خدمتنا؟ قيّم هذه المحادثة من 1 إلى 5."
                : "How did we do? Rate this conversation from 1 to 5.")
            : links(s.getToken(), arabic, t);
    Message m = Message.automatic(t, via, text);
    if (via == Channel.EMAIL) {
      m.setHtml(html(s.getToken(), arabic, t));
    }
    m.setMetadata(MessageIngestion.json(Map.of(CSAT, s.getToken())));
    em.persist(m);
    em.persist(
        new TicketActivity(
            t, null, TicketActivity.Type.CSAT_SENT, "survey sent (" + via + ")", now));
    outbound.enqueue(m.getId(), 0);
    events.fire(TicketEvent.of(TicketEvent.Type.MESSAGE_ADDED, t, m.getId()));
  }

  private static final String[] EN = {"Very poor", "Poor", "OK", "Good", "Excellent"};
  private static final String[] AR = {"سيئ جداً", "ضعيف", "مقبول", "جيد", "ممتاز"};

  private static String link(String token) {
    return ServerSettings.get("helpdesk.public-url", "HELPDESK_PUBLIC_URL", "http://localhost:8080")
            .replaceAll("/+$", "")
        + "/csat.html?t="
        + token
        + "&score=";
  }

  /** The e-mail's HTML part: the question and five buttons, one click each. */
  static String html(String token, boolean arabic, Ticket t) {
    String base = link(token).replace("&", "&amp;").replace("\"", "&quot;");
    StringBuilder b =
        new StringBuilder("<div dir=\"")
            .append(arabic ? "rtl" : "ltr")
            .append("\" style=\"font-family:sans-serif\"><p>")
            .append(
                arabic
                    ? "كيف كانت خدمتنا في التذكرة #" + t.getId() + "؟ قيّمها بنقرة واحدة:"
                    : "How did we do with your request #" + t.getId() + "? One click rates it:")
            .append("</p><p>");
    for (int score = 5; score >= 1; score--) {
      b.append("<a href=\"")
          .append(base)
          .append(score)
          .append(
              "\" style=\"display:inline-block;margin:4px;padding:8px 12px;border:1px solid"
                  + " #1f5fbf;border-radius:6px;color:#1f5fbf;text-decoration:none\">")
          .append(score)
          .append(" – ")
          .append((arabic ? AR : EN)[score - 1])
          .append("</a>");
    }
    return b.append("</p><p>")
        .append(arabic ? "شكراً لك!" : "Thank you!")
        .append("</p></div>")
        .toString();
  }

  /** The e-mail / social text: one link per score. */
  static String links(String token, boolean arabic, Ticket t) {
    String base = link(token);
    StringBuilder b =
        new StringBuilder(
            arabic
                ? "كيف كانت خدمتنا في التذكرة #" + t.getId() + "؟ قيّمها بنقرة واحدة:\n\n"
                : "How did we do with your request #" + t.getId() + "? One click rates it:\n\n");
    for (int score = 5; score >= 1; score--) {
      b.append(score)
          .append(" – ")
          .append((arabic ? AR : EN)[score - 1])
          .append(": ")
          .append(base)
          .append(score)
          .append('\n');
    }
    return b.append(arabic ? "\nشكراً لك!" : "\nThank you!").toString();
  }

  /** What the survey page shows. */
  public record SurveyView(
      long ticket, String subject, String language, boolean open, Integer score, String comment) {}

  /** A survey by its token, for the public page (no login: the token is the key). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public SurveyView view(String token) {
    CsatSurvey s = byToken(token);
    return view(s, em.find(Ticket.class, s.getTicketId()));
  }

  private static SurveyView view(CsatSurvey s, Ticket t) {
    boolean open =
        s.getSentAt() != null
            && !s.isCancelled()
            && Instant.now().isBefore(s.getSentAt().plus(Duration.ofDays(CsatSurvey.ANSWER_DAYS)));
    return new SurveyView(
        s.getTicketId(), t.getSubject(), s.getLanguage(), open, s.getScore(), s.getComment());
  }

  /** The shopper's answer, from the survey page or the chat card (a later answer replaces it). */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public SurveyView answer(String token, Integer score, String comment) {
    if (score == null) {
      throw new InvalidRequestException("score", "score is a whole number from 1 to 5");
    }
    if (comment != null && comment.length() > 2000) {
      throw new InvalidRequestException("comment", "a comment has at most 2000 characters");
    }
    CsatSurvey s = byToken(token);
    em.lock(s, LockModeType.PESSIMISTIC_WRITE);
    Instant now = Instant.now();
    boolean first = s.getAnsweredAt() == null;
    try {
      s.answer(score, comment, now);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("score", e.getMessage());
    } catch (IllegalStateException e) {
      throw new ConflictException(e.getMessage());
    }
    Ticket t = em.find(Ticket.class, s.getTicketId());
    em.persist(
        new TicketActivity(
            t,
            null,
            TicketActivity.Type.CSAT_ANSWERED,
            (first ? "" : "changed: ")
                + score
                + "/5"
                + (s.getComment() == null ? "" : " “" + s.getComment() + "”"),
            now));
    events.fire(TicketEvent.of(TicketEvent.Type.TICKET_UPDATED, t, null));
    LOG.fine("CSAT " + score + " for ticket " + t.getId());
    return view(s, t);
  }

  /** An answer from the chat widget: only for the survey of the shopper's own conversation. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public SurveyView answerInChat(long ticketId, String token, Integer score, String comment) {
    if (token == null || byToken(token).getTicketId() != ticketId) {
      throw new NotFoundException("survey", token);
    }
    return answer(token, score, comment);
  }

  private CsatSurvey byToken(String token) {
    if (token == null || token.length() > 64) {
      throw new NotFoundException("survey", token == null ? "" : token.substring(0, 64));
    }
    return em.createQuery("select s from CsatSurvey s where s.token = :t", CsatSurvey.class)
        .setParameter("t", token)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("survey", token));
  }

  /**
   * One group of a CSAT report: surveys sent, answers, the mean score, the share of answers that
   * were 4 or 5 (the CSAT score), and the share of sent surveys answered.
   */
  public record Row(
      String key,
      long sent,
      long answered,
      Double average,
      Double satisfied,
      Double responseRate) {}

  /** Surveys sent in [from, to), grouped by none, channel, team, agent, topic or language. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Row> report(
      Caller caller, Instant from, Instant to, String by, Metrics.Filter filter) {
    if (!caller.seesAllTickets()) {
      throw new AccessDeniedException("reports are for managers and admins");
    }
    Metrics.Grouping group = Metrics.BY.get(by);
    if (group == null || by.equals("hour") || by.equals("weekday") || by.equals("weekday-hour")) {
      throw new InvalidRequestException(
          "by", "by is one of none, channel, team, agent, topic, language");
    }
    StringBuilder where = new StringBuilder("f.sent_at >= ?1 and f.sent_at < ?2");
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    filter.appendTo(where, params, "agent_id");
    String sql =
        group.sql(
            "count(*) as sent, count(f.score) as answered,"
                + " avg(cast(f.score as double precision)) as average,"
                + " avg(case when f.score >= 4 then 1.0 when f.score is not null then 0.0 end)"
                + " as satisfied",
            "csat_survey f",
            where.toString());
    Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    List<Row> out = new ArrayList<>();
    for (Object o : q.getResultList()) {
      Object[] r = (Object[]) o;
      int a = group.key().isEmpty() ? 1 : 2; // grouped: the label, then the key, then the sums
      long sent = ((Number) r[a]).longValue();
      if (sent == 0) {
        continue;
      }
      long answered = ((Number) r[a + 1]).longValue();
      out.add(
          new Row(
              String.valueOf(r[0]),
              sent,
              answered,
              r[a + 2] == null ? null : Math.round(((Number) r[a + 2]).doubleValue() * 100) / 100.0,
              r[a + 3] == null
                  ? null
                  : Math.round(((Number) r[a + 3]).doubleValue() * 1000) / 1000.0,
              Math.round(answered * 1000.0 / sent) / 1000.0));
    }
    return out;
  }

  /** The channel the shopper last wrote on (where replies and surveys go by default). */
  static Channel lastInboundChannel(EntityManager em, Ticket t) {
    List<Channel> last =
        em.createQuery(
                "select m.channel from Message m where m.ticket = :t and m.direction = :d"
                    + " order by m.sequence desc",
                Channel.class)
            .setParameter("t", t)
            .setParameter("d", Direction.INBOUND)
            .setMaxResults(1)
            .getResultList();
    return last.isEmpty() ? t.getChannel() : last.get(0);
  }
}
