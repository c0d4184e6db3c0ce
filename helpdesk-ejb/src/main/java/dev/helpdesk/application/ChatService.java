package dev.helpdesk.application;

import dev.helpdesk.application.internal.ChatConversations;
import dev.helpdesk.application.internal.ChatWidgets;
import dev.helpdesk.application.internal.MessageIngestion;
import dev.helpdesk.connectors.chat.ChatInbound;
import dev.helpdesk.connectors.chat.ChatProtocol;
import dev.helpdesk.connectors.chat.ChatSigning;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.domain.model.channel.ChatConversation;
import dev.helpdesk.domain.model.faq.FaqEvent;
import dev.helpdesk.domain.model.ticket.MessageAttachment;
import dev.helpdesk.domain.model.ticket.Ticket;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live-chat channel's use cases, for the {@code /ws/chat} endpoint (shopper side) and the staff
 * API. A shopper's message takes the one inbound path ({@link IngestService}); an agent's reply
 * reaches the widget through the outbound path (the chat connector publishes on the {@link
 * RealtimeHub}). Each step is its own short transaction; none is held while a socket is written.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChatService {
  /** What a {@link NotFoundException} for an unknown or inactive widget names. */
  public static final String WIDGET = "chat widget";

  @Inject ChatWidgets widgets;
  @Inject ChatConversations conversations;
  @Inject IngestService ingest;
  @Inject RealtimeHub hub;
  @Inject StaffFeed staffFeed;
  @Inject Presence presence;
  @Inject KnowledgeBase knowledgeBase;
  @Inject FaqBot bot;
  @Inject Surveys surveys;

  @PersistenceContext EntityManager em;

  /** The active widget with this key. */
  public ChatWidget widget(String key) {
    ChatWidget w = widgets.find(key);
    if (w == null) {
      throw new NotFoundException(WIDGET, key);
    }
    return w;
  }

  public boolean agentsOnline() {
    return presence.agentsOnline();
  }

  /**
   * Who the shopper is as far as one connection knows: the visitor, their conversation and its
   * ticket (null until the first message), the identity they gave and the page's context.
   */
  public record Shopper(
      String widgetKey,
      String visitorId,
      String conversationId,
      Long ticketId,
      String name,
      String email,
      boolean verified,
      String topic,
      String language,
      Map<String, String> context) {
    public Shopper withConversation(String id, Long ticket) {
      return new Shopper(
          widgetKey, visitorId, id, ticket, name, email, verified, topic, language, context);
    }

    /** The pre-chat form's answers; a signed identity stays verified only for its own address. */
    public Shopper withContact(String newName, String newEmail, String newTopic) {
      return new Shopper(
          widgetKey,
          visitorId,
          conversationId,
          ticketId,
          newName != null && !newName.isBlank() ? newName : name,
          newEmail != null ? newEmail : email,
          verified && (newEmail == null || newEmail.equals(email)),
          newTopic != null ? newTopic : topic,
          language,
          context);
    }

    public Shopper withContext(Map<String, String> newContext) {
      return new Shopper(
          widgetKey,
          visitorId,
          conversationId,
          ticketId,
          name,
          email,
          verified,
          topic,
          language,
          newContext);
    }
  }

  /**
   * The answer to a hello.
   *
   * @param identity {@code verified} (the store signed the e-mail), {@code unverified} (a name or
   *     e-mail without a valid signature) or {@code anonymous}
   */
  public record Welcome(Shopper shopper, String token, String identity, boolean agentsOnline) {}

  /**
   * A widget connects: its visitor is recognised by the signed token, or a new one is made; the
   * visitor's open conversation is found (what the widget missed is read by {@link #since}).
   */
  public Welcome hello(String widgetKey, ChatProtocol.Hello h) {
    ChatWidget w = widget(widgetKey);
    String visitor = ChatSigning.visitorOf(w.secret(), w.key(), h.token());
    boolean known = visitor != null;
    if (!known) {
      visitor = UUID.randomUUID().toString();
    }
    String name = null;
    String email = null;
    boolean verified = false;
    String identity = "anonymous";
    if (h.identity() != null) {
      name = h.identity().name();
      email = h.identity().email();
      verified =
          email != null && ChatSigning.identityValid(w.secret(), email, h.identity().signature());
      if (email != null || name != null) {
        identity = verified ? "verified" : "unverified";
      }
    }
    ChatConversations.Current current =
        known ? conversations.current(w.accountId(), visitor) : null;
    String conversation = current == null ? null : current.id();
    if (conversation != null && identity.equals("verified")) {
      conversations.identify(conversation, name, email, true, null);
    }
    if (conversation != null) {
      conversations.online(conversation, true);
    }
    Shopper shopper =
        new Shopper(
            w.key(),
            visitor,
            conversation,
            current == null ? null : current.ticketId(),
            name,
            email,
            verified,
            null,
            h.language(),
            h.context());
    return new Welcome(
        shopper,
        ChatSigning.visitorToken(w.secret(), w.key(), visitor),
        identity,
        presence.agentsOnline());
  }

  /**
   * What a send did.
   *
   * @param started true when this message opened a new conversation
   * @param shown the stored message as the widget shows it, built from what was sent (no read of
   *     the database); null for a duplicate or a message with files (their links come from the
   *     stored rows)
   */
  public record Sent(
      String conversationId,
      long ticketId,
      long messageId,
      int seq,
      boolean duplicate,
      boolean started,
      ChatMessage shown) {}

  /**
   * Stores a shopper's message once (its idempotency key is its external id), opening a
   * conversation first if there is none, or when the ingest finds its ticket closed (then nothing
   * was stored and the message goes to the new conversation). Open widgets of the conversation hear
   * of it.
   */
  public Sent send(Shopper s, ChatProtocol.Send send) {
    ChatWidget w = widget(s.widgetKey());
    String conversation = s.conversationId();
    boolean started = false;
    if (conversation == null) {
      conversation = start(w, s);
      started = true;
    }
    Instant at = Instant.now();
    IngestResult r;
    try {
      r = ingest.ingest(inbound(w, s, conversation, send, at));
    } catch (ConversationEndedException ended) {
      // its ticket was closed: nothing was stored; the message opens a new conversation
      conversation = start(w, s);
      started = true;
      r = ingest.ingest(inbound(w, s, conversation, send, at));
    }
    int seq = r.duplicate() ? conversations.sequenceOf(r.messageId()) : r.sequence();
    if (started || r.ticketCreated() || s.ticketId() == null || s.ticketId() != r.ticketId()) {
      conversations.attach(conversation, r.ticketId());
    }
    if (!r.duplicate()) {
      hub.publish(RealtimeEvent.messages(conversation, seq));
      if (w.faqBot() && !send.text().isBlank() && !presence.agentsOnline()) {
        bot.answer(r.ticketId(), send.text(), s.language());
      }
    }
    ChatMessage shown =
        r.duplicate() || !send.attachments().isEmpty()
            ? null
            : new ChatMessage(
                seq,
                r.messageId(),
                "shopper",
                s.name(),
                send.text(),
                at,
                send.key(),
                List.of(),
                "delivered",
                null,
                null);
    return new Sent(conversation, r.ticketId(), r.messageId(), seq, r.duplicate(), started, shown);
  }

  private String start(ChatWidget w, Shopper s) {
    return conversations.start(
        w.accountId(),
        s.visitorId(),
        s.name(),
        s.email(),
        s.verified(),
        s.topic(),
        s.language(),
        MessageIngestion.json(s.context()));
  }

  private static InboundMessage inbound(
      ChatWidget w, Shopper s, String conversation, ChatProtocol.Send send, Instant at) {
    return ChatInbound.of(
        w.key(),
        conversation,
        s.visitorId(),
        s.verified() ? s.email() : null,
        s.name(),
        s.verified() ? null : s.email(),
        s.topic(),
        s.language(),
        s.context(),
        send,
        at);
  }

  /** Up to three published articles for what the shopper is typing. */
  public List<KnowledgeBase.Suggestion> suggest(Shopper s, String text) {
    return knowledgeBase.suggest(text, s.language(), 3);
  }

  /** A published article the shopper opens (counted as a view). */
  public KnowledgeBase.ArticleView article(Shopper s, long id) {
    KnowledgeBase.ArticleView a = knowledgeBase.get(id, true);
    knowledgeBase.record(id, FaqEvent.Kind.VIEWED, FaqEvent.Source.SHOPPER, s.ticketId(), null);
    return a;
  }

  /** Helpful or not, from the widget (404 for an unknown or unpublished article). */
  public void feedback(Shopper s, long article, boolean helpful) {
    knowledgeBase.feedback(article, helpful, FaqEvent.Source.SHOPPER, s.ticketId());
  }

  /** "This answered my question": a deflection; an open chat ticket is solved self-served. */
  public void resolved(Shopper s, long article) {
    knowledgeBase.selfServed(article, s.ticketId());
  }

  /**
   * The shopper's answer to the satisfaction card in the chat: only a survey of this conversation's
   * ticket (404 otherwise).
   */
  public void csat(Shopper s, String survey, int score, String comment) {
    Long ticket = s.conversationId() == null ? null : conversations.ticketOf(s.conversationId());
    if (ticket == null) {
      throw new NotFoundException("survey", survey);
    }
    surveys.answerInChat(ticket, survey, score, comment);
  }

  /** The pre-chat form or the e-mail left while nobody is online. */
  public void identify(Shopper s) {
    if (s.conversationId() != null) {
      conversations.identify(s.conversationId(), s.name(), s.email(), s.verified(), s.topic());
    }
  }

  /** The widget moved to another page or checkout step. */
  public void context(Shopper s) {
    if (s.conversationId() != null) {
      conversations.context(s.conversationId(), MessageIngestion.json(s.context()));
    }
  }

  /** The conversation's messages after {@code afterSeq} (at most 200; ask again for more). */
  public List<ChatMessage> since(String widgetKey, String conversation, int afterSeq) {
    return conversations.since(widget(widgetKey), conversation, afterSeq);
  }

  /** The shopper has seen messages up to {@code seq}; agents viewing the ticket hear of it. */
  public void shopperRead(String conversation, int seq) {
    Long ticket = conversations.shopperRead(conversation, seq);
    if (ticket != null) {
      toStaff(
          ticket,
          "chat-read",
          "{\"type\":\"chat-read\",\"ticket\":" + ticket + ",\"seq\":" + seq + "}");
    }
  }

  /** The shopper is typing: agents viewing the ticket hear of it. */
  public void shopperTyping(Long ticketId) {
    if (ticketId != null) {
      toStaff(ticketId, "chat-typing", "{\"type\":\"chat-typing\",\"ticket\":" + ticketId + "}");
    }
  }

  private void toStaff(long ticketId, String kind, String payload) {
    staffFeed.notice(null, ticketId, kind, payload);
  }

  /** A widget connected (kept alive by its pings) or the last one of the conversation left. */
  public void online(String conversation, boolean online) {
    conversations.online(conversation, online);
  }

  // ---- the staff side ------------------------------------------------------------------------

  /** An agent opened a chat ticket: the shopper's messages show as read in the widget. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void agentRead(Caller caller, long ticketId) {
    visible(caller, ticketId);
    ChatConversations.Read read = conversations.agentRead(ticketId);
    if (read != null) {
      hub.publish(
          RealtimeEvent.toConversation(
              read.conversation(), "read", "{\"type\":\"read\",\"seq\":" + read.seq() + "}"));
    }
  }

  /** An agent is typing a reply: the widget shows it for a few seconds. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void agentTyping(Caller caller, long ticketId) {
    visible(caller, ticketId);
    ChatConversation c = conversations.ofTicket(ticketId);
    if (c != null) {
      String name = caller.displayName();
      hub.publish(
          RealtimeEvent.toConversation(
              c.getId(),
              "typing",
              ChatProtocol.frame("typing").add("author", name).build().toString()));
    }
  }

  /** What the chat widget told about the shopper of a ticket, for the agent's side panel. */
  public record ChatView(
      String conversation,
      String widget,
      String shopperName,
      String shopperEmail,
      String identity,
      String topic,
      String language,
      Map<String, String> context,
      int shopperReadSeq,
      int agentReadSeq,
      boolean shopperOnline) {}

  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public ChatView chatOf(Caller caller, long ticketId) {
    visible(caller, ticketId);
    ChatConversation c = conversations.ofTicket(ticketId);
    if (c == null) {
      throw new NotFoundException("chat conversation of ticket", ticketId);
    }
    return new ChatView(
        c.getId(),
        c.getWidget().getAddress(),
        c.getShopperName(),
        c.getShopperEmail(),
        c.isIdentityVerified()
            ? "verified"
            : c.getShopperEmail() == null ? "anonymous" : "unverified",
        c.getTopic(),
        c.getLanguage(),
        c.getContext() == null ? Map.of() : Views.MessageView.metadata(c.getContext()),
        c.getShopperReadSeq(),
        c.getAgentReadSeq(),
        c.isShopperOnline(Instant.now()));
  }

  /** A file of a conversation, for a signed link the widget was given. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public TicketService.AttachmentContent file(
      String conversation, long attachmentId, String signature) {
    ChatConversation c =
        conversation == null ? null : em.find(ChatConversation.class, conversation);
    ChatWidget w = c == null ? null : widgets.find(c.getWidget().getAddress());
    if (w == null
        || !ChatSigning.attachmentValid(w.secret(), conversation, attachmentId, signature)) {
      throw new NotFoundException("file", attachmentId);
    }
    MessageAttachment a = em.find(MessageAttachment.class, attachmentId);
    if (a == null) {
      throw new NotFoundException("file", attachmentId);
    }
    return new TicketService.AttachmentContent(
        a.getFilename(), a.getContentType(), a.getContent().getData());
  }

  private Ticket visible(Caller caller, long id) {
    return TicketAccess.visible(em, caller, id);
  }
}
