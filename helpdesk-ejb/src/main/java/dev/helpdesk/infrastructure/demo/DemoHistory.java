package dev.helpdesk.infrastructure.demo;

import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Availability;
import dev.helpdesk.domain.model.agent.PasswordHasher;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.ticket.Message;
import dev.helpdesk.domain.model.ticket.Priority;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The staff side of the demo: teams, people, and the replies, assignments and statuses a few days
 * of work would have left. Replies are written as already delivered (the demo has no real shoppers
 * to send to).
 */
@Stateless
public class DemoHistory {
  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject dev.helpdesk.application.DirectoryService directory;
  @jakarta.inject.Inject dev.helpdesk.application.internal.MetricFacts metrics;

  /**
   * The demo store's chat widget ({@code demo-store}), embedded in the demo checkout page the
   * helpdesk serves; a page on localhost:8080 or 127.0.0.1:8080 may open chats.
   */
  public void demoWidget() {
    boolean exists =
        !em.createQuery(
                "select a.id from ChannelAccount a where a.channel = :c and a.address = 'demo-store'",
                Long.class)
            .setParameter("c", dev.helpdesk.connectors.spi.Channel.CHAT)
            .getResultList()
            .isEmpty();
    if (exists) {
      return;
    }
    // through the directory, as an admin would: it generates the widget's secret
    directory.createChannelAccount(
        dev.helpdesk.connectors.spi.Channel.CHAT,
        "demo-store",
        "Demo Store",
        java.util.Map.of(
            "allowedOrigins", "http://localhost:8080, http://127.0.0.1:8080",
            "preChat", "name,email,topic",
            "greeting.en",
                "Hi! Questions about your order or payment? We usually answer in a few minutes.",
            "greeting.ar", "مرحبًا! هل لديك سؤال عن طلبك أو الدفع؟ نرد عادةً خلال دقائق.",
            "offline.en",
                "We are offline now. We answer Sunday to Thursday, 9:00 to 18:00 (Riyadh time). Leave your e-mail and we will reply there.",
            "offline.ar",
                "نحن غير متصلين الآن. نرد من الأحد إلى الخميس، من 9:00 حتى 18:00 (بتوقيت الرياض). اترك بريدك الإلكتروني وسنرد عليك هناك."));
  }

  public boolean isEmpty() {
    return em.createQuery("select count(t) from Team t", Long.class).getSingleResult() == 0;
  }

  public void staff(String password) {
    Team checkout =
        team("Checkout & Payments", "Card declines, payment methods, checkout errors, coupons");
    Team orders =
        team("Orders & Shipping", "Order status, tracking, delivery times, address changes");
    Team returns = team("Returns & Refunds", "Returns, exchanges, refunds");
    String hash = PasswordHasher.hash(password);
    agent("maya", "Maya Chen", hash, Set.of(Role.MANAGER), Set.of("en"), checkout, orders, returns);
    agent("sam", "Sam Carter", hash, Set.of(Role.AGENT), Set.of("en"), checkout);
    agent("emma", "Emma Novak", hash, Set.of(Role.AGENT), Set.of("en"), returns, checkout);
    agent("lina", "Lina Haddad", hash, Set.of(Role.AGENT), Set.of("ar", "en"), orders);
    agent("omar", "Omar Farouk", hash, Set.of(Role.AGENT), Set.of("ar", "en"), returns, orders);
    em.createQuery("update Agent a set a.uiLanguage = 'ar' where a.login = 'lina'").executeUpdate();
    cannedResponses();
    slaPolicies();
  }

  /**
   * Two SLA policies a store starts with: "Standard" for every team (first answer within an hour of
   * business time), "Urgent" for urgent tickets around the clock.
   */
  private void slaPolicies() {
    dev.helpdesk.domain.model.metrics.SlaPolicy standard =
        new dev.helpdesk.domain.model.metrics.SlaPolicy("Standard");
    standard.set("Standard", 3_600L, 4 * 3_600L, 2 * 86_400L, true, 75);
    em.persist(standard);
    dev.helpdesk.domain.model.metrics.SlaPolicy urgent =
        new dev.helpdesk.domain.model.metrics.SlaPolicy("Urgent");
    urgent.set("Urgent", 15 * 60L, 3_600L, 8 * 3_600L, false, 50);
    em.persist(urgent);
    em.createNativeQuery("update team set sla_policy = 'Standard'").executeUpdate();
    em.createNativeQuery(
            "insert into sla_priority_default (priority, sla_policy) values ('URGENT', 'Urgent')")
        .executeUpdate();
  }

  /** The saved answers a store's team would start with, in English and Arabic. */
  private void cannedResponses() {
    String[][] all = {
      {
        "en",
        "Card declined",
        "Hi {{contact.name}}, sorry about the declined card. Banks often block the first online"
            + " payment to a new shop: please approve it in your banking app and try again, or pay"
            + " with another card or cash on delivery. — {{agent.name}}"
      },
      {
        "en",
        "Where is my order",
        "Hi {{contact.name}}, your order {{order.number}} has left our warehouse. You will get the"
            + " tracking link by e-mail; delivery takes 2–4 working days."
      },
      {
        "en",
        "Return label",
        "Hi {{contact.name}}, you can return items within 30 days. I have e-mailed you a prepaid"
            + " return label for order {{order.number}}; the refund reaches your card 5–7 days"
            + " after we receive the parcel."
      },
      {
        "en",
        "Coupon not applied",
        "Hi {{contact.name}}, coupons apply to full-price items only and one per order. I have"
            + " applied the discount to {{order.number}} for you."
      },
      {
        "en",
        "Closing",
        "Glad I could help, {{contact.name}}! Reply to this message if anything else comes up."
            + " ({{ticket.reference}})"
      },
      {
        "ar",
        "رفض البطاقة",
        "مرحبًا {{contact.name}}، نأسف لرفض البطاقة. كثيرًا ما تمنع البنوك أول دفعة لمتجر جديد: يرجى"
            + " الموافقة عليها من تطبيق البنك ثم المحاولة مرة أخرى، أو الدفع ببطاقة أخرى أو عند"
            + " الاستلام. — {{agent.name}}"
      },
      {
        "ar",
        "أين طلبي",
        "مرحبًا {{contact.name}}، غادر طلبك {{order.number}} مستودعنا. ستصلك رسالة فيها رابط التتبع،"
            + " ويستغرق التوصيل من يومين إلى أربعة أيام عمل."
      },
      {
        "ar",
        "ملصق الإرجاع",
        "مرحبًا {{contact.name}}، يمكنك إرجاع المنتجات خلال 30 يومًا. أرسلنا إليك ملصق إرجاع مدفوعًا"
            + " للطلب {{order.number}}، ويصل المبلغ إلى بطاقتك بعد 5 إلى 7 أيام من استلام الطرد."
      },
      {
        "ar",
        "الكوبون لا يعمل",
        "مرحبًا {{contact.name}}، تنطبق الكوبونات على المنتجات غير المخفضة فقط وكوبون واحد لكل طلب."
            + " طبّقنا الخصم على الطلب {{order.number}}."
      },
      {
        "ar",
        "ختام",
        "سعدنا بمساعدتك يا {{contact.name}}! إن احتجت أي شيء آخر فقط رد على هذه الرسالة."
            + " ({{ticket.reference}})"
      },
    };
    for (String[] c : all) {
      em.persist(new dev.helpdesk.domain.model.ticket.CannedResponse(c[1], c[2], c[0]));
    }
  }

  /**
   * Three routing rules a store starts with: each topic to the team that answers it (created after
   * the demo tickets, whose history is written as it is). A new message of the dev run is routed to
   * a team and, when one of its agents is online, assigned.
   */
  public void routingRules(dev.helpdesk.application.RoutingRules rules) {
    dev.helpdesk.application.Caller admin =
        new dev.helpdesk.application.Caller(0, "demo", "Demo data", Set.of(Role.ADMIN), Set.of());
    String[][] all = {
      {"Payments and checkout", "Checkout & Payments", "CHECKOUT", "PAYMENT", "COUPONS"},
      {"Orders and delivery", "Orders & Shipping", "ORDER_STATUS", "SHIPPING"},
      {"Returns and refunds", "Returns & Refunds", "RETURNS"}
    };
    for (String[] r : all) {
      long team =
          em.createQuery("select t.id from Team t where t.name = :n", Long.class)
              .setParameter("n", r[1])
              .getSingleResult();
      rules.create(
          admin,
          new dev.helpdesk.application.RoutingRules.RuleInput(
              r[0],
              null,
              true,
              true,
              false,
              List.of(
                  new dev.helpdesk.domain.model.routing.Rule.Condition(
                      "topic", "in", List.of(java.util.Arrays.copyOfRange(r, 2, r.length)))),
              List.of(
                  new dev.helpdesk.domain.model.routing.Rule.Action(
                      "setTeam", Long.toString(team), null))));
    }
  }

  private Team team(String name, String description) {
    Team t = new Team(name, description);
    em.persist(t);
    return t;
  }

  private void agent(
      String login,
      String name,
      String hash,
      Set<Role> roles,
      Set<String> languages,
      Team... teams) {
    Agent a = new Agent(login, name, roles);
    a.setPasswordHash(hash);
    a.setEmail(login + "@helpdesk.example");
    a.setLanguages(languages);
    a.setAvailability(Availability.ONLINE);
    a.getTeams().addAll(Set.of(teams));
    em.persist(a);
  }

  /** Gives a demo ticket its team, assignee, reply and status, as a working day would have. */
  public void route(long ticketId, DemoConversations.Conversation c, int n, Instant at) {
    Ticket t = em.find(Ticket.class, ticketId);
    Team team =
        em.createQuery("select t from Team t where t.name = :n", Team.class)
            .setParameter("n", c.team())
            .getSingleResult();
    t.setTeam(team);
    // the topic as routing names it (reports and filters use these), the word as a tag
    t.setTopic(
        switch (c.topic()) {
          case "refunds", "returns" -> "RETURNS";
          case "order-status" -> "ORDER_STATUS";
          default -> c.topic().toUpperCase(java.util.Locale.ROOT);
        });
    t.getTags().add(c.topic());
    if (n % 7 == 0) {
      t.setPriority(Priority.HIGH);
    }
    if (n % 4 == 3) {
      return; // unassigned, still waiting
    }
    String login =
        switch (c.team()) {
          case "Checkout & Payments" -> n % 2 == 0 ? "sam" : "emma";
          case "Orders & Shipping" -> n % 2 == 0 ? "lina" : "omar";
          default -> "ar".equals(c.language()) ? "omar" : "emma";
        };
    Agent a =
        em.createQuery("select a from Agent a where a.login = :l", Agent.class)
            .setParameter("l", login)
            .getSingleResult();
    t.setAssignee(a);
    em.persist(
        new TicketActivity(t, null, TicketActivity.Type.ASSIGNED, login, at.plusSeconds(30)));
    if (n % 4 == 2) {
      return; // assigned, not answered yet
    }
    Instant replied = at.plus(Duration.ofMinutes(4 + n % 37));
    Message reply = Message.reply(t, c.channel(), a, c.reply());
    reply.setSentAt(replied);
    reply.markSent("demo-reply-" + n);
    em.persist(reply);
    metrics.replied(t, a, replied);
    t.setPreview(c.reply());
    if (n % 4 == 1) {
      Instant solved = replied.plus(Duration.ofMinutes(20));
      t.changeStatus(TicketStatus.SOLVED, solved);
      metrics.solved(t, a, solved);
    } else if (n % 8 == 0) {
      t.changeStatus(TicketStatus.PENDING, replied);
    }
  }
}
