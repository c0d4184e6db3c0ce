package dev.helpdesk.application;

import dev.helpdesk.application.internal.MessageIngestion;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.faq.FaqEvent;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The FAQ bot of the chat: while no agent is online, a shopper's message whose best article is
 * {@link #confident confidently} the best gets that article as an automatic answer ("bot" in the
 * widget, nobody's first response), once per article per ticket. The widget then offers "this
 * answered my question" (the chat ends self-served) or leaving an e-mail for a person.
 */
@Stateless
public class FaqBot {
  private static final Logger LOG = Logger.getLogger(FaqBot.class.getName());

  /** The metadata key of a bot message that names its article. */
  static final String ARTICLE = "faqArticle";

  @PersistenceContext EntityManager em;
  @Inject KnowledgeBase kb;
  @Inject OutboundQueue outbound;
  @Inject Event<TicketEvent> events;

  /**
   * Whether the best of these hits is good enough to answer without a person: a score of at least
   * {@code helpdesk.faq.bot-min-score} (default 8) and at least {@code helpdesk.faq.bot-margin}
   * (default 1.3) times the runner-up's. On the labelled questions the margin is what tells right
   * from wrong (a score alone does not): 92 % of the answers it allows are right, for about three
   * questions in four (docs/faq.md).
   */
  public static boolean confident(List<KnowledgeBase.Suggestion> hits) {
    if (hits.isEmpty()) {
      return false;
    }
    double min = Double.parseDouble(System.getProperty("helpdesk.faq.bot-min-score", "8"));
    double margin = Double.parseDouble(System.getProperty("helpdesk.faq.bot-margin", "1.3"));
    float best = hits.get(0).score();
    float second = hits.size() > 1 ? hits.get(1).score() : 0f;
    return best >= min && best >= margin * second;
  }

  /** The article id a bot message carries in its metadata, else null. */
  public static Long articleOf(String metadata) {
    String id = Views.MessageView.metadata(metadata).get(ARTICLE);
    return id == null ? null : Long.valueOf(id);
  }

  /** Answers a shopper's chat message with the best article if it is good enough. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean answer(long ticketId, String text, String language) {
    List<KnowledgeBase.Suggestion> best = kb.suggest(text, language, 2);
    if (!confident(best)) {
      return false;
    }
    KnowledgeBase.Suggestion s = best.get(0);
    Ticket t = em.find(Ticket.class, ticketId);
    em.lock(t, LockModeType.PESSIMISTIC_WRITE);
    long already =
        em.createQuery(
                "select count(e) from FaqEvent e where e.ticketId = :t and e.articleId = :a"
                    + " and e.kind = :k",
                Long.class)
            .setParameter("t", ticketId)
            .setParameter("a", s.id())
            .setParameter("k", FaqEvent.Kind.BOT_ANSWERED)
            .getSingleResult();
    if (already > 0) {
      return false;
    }
    KnowledgeBase.ArticleView a = kb.get(s.id(), true);
    boolean arabic = "ar".equals(a.language());
    String body =
        a.title()
            + "\n\n"
            + a.bodyText()
            + "\n\n"
            + (arabic
                ? "هل أجاب هذا عن سؤالك؟ إن لم يُجب، اترك بريدك وسيرد عليك أحد فريقنا."
                : "Did this answer your question? If not, leave your e-mail and a person will"
                    + " answer.");
    Message m = Message.automatic(t, Channel.CHAT, body);
    m.setMetadata(MessageIngestion.json(Map.of(ARTICLE, Long.toString(a.id()))));
    em.persist(m);
    Instant now = Instant.now();
    em.persist(
        new TicketActivity(
            t,
            null,
            TicketActivity.Type.AUTO_REPLY,
            "FAQ bot answered with “" + a.title() + "”",
            now));
    kb.record(a.id(), FaqEvent.Kind.BOT_ANSWERED, FaqEvent.Source.BOT, ticketId, null);
    outbound.enqueue(m.getId(), 0);
    events.fire(TicketEvent.of(TicketEvent.Type.MESSAGE_ADDED, t, m.getId()));
    LOG.fine(
        "FAQ bot answered ticket " + ticketId + " with article " + a.id() + " (" + s.score() + ")");
    return true;
  }
}
