package dev.helpdesk.infrastructure.demo;

import dev.helpdesk.application.IngestResult;
import dev.helpdesk.application.IngestService;
import dev.helpdesk.connectors.spi.IdentityKind;
import dev.helpdesk.connectors.spi.InboundMessage;
import dev.helpdesk.connectors.spi.SenderIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Demo data on first start when {@code helpdesk.demo=true} (the README's start command sets it):
 * three teams, a manager and four agents (two Arabic-speaking), and about fifty tickets across
 * channels in English and Arabic. The tickets arrive through the real inbound path.
 */
@Singleton
@Startup
@DependsOn("FirstAdmin")
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoData {
  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
  static final String PASSWORD = "demo-password";

  @Inject IngestService ingest;
  @Inject DemoHistory history;
  @Inject dev.helpdesk.application.RoutingRules rules;
  @Inject dev.helpdesk.application.KnowledgeBase knowledgeBase;
  @Resource UserTransaction tx;

  @PostConstruct
  void seed() {
    if (!Boolean.getBoolean("helpdesk.demo")) {
      return;
    }
    history.demoWidget();
    int articles = knowledgeBase.seedDemo();
    if (articles > 0) {
      LOG.info("demo data: " + articles + " FAQ articles");
    }
    if (!history.isEmpty()) {
      banner();
      return;
    }
    long t0 = System.nanoTime();
    history.staff(PASSWORD);
    Instant base = Instant.now().minus(Duration.ofDays(3));
    List<Long> ticketIds = new ArrayList<>();
    int n = 0;
    for (DemoConversations.Conversation c : DemoConversations.ALL) {
      n++;
      Instant at = base.plus(Duration.ofMinutes(83L * n));
      SenderIdentity sender =
          switch (c.channel()) {
            case EMAIL, API -> new SenderIdentity(IdentityKind.EMAIL, c.contactKey(), c.name());
            case CHAT -> new SenderIdentity(IdentityKind.VISITOR, c.contactKey(), c.name());
            case WHATSAPP -> new SenderIdentity(IdentityKind.PHONE, c.contactKey(), c.name());
            default ->
                new SenderIdentity(
                    IdentityKind.SOCIAL,
                    c.channel().name().toLowerCase() + ":" + c.contactKey(),
                    c.name());
          };
      IngestResult r =
          ingest.ingest(
              new InboundMessage(
                  c.channel(),
                  "demo",
                  "demo-" + n,
                  List.of("demo-conv-" + n),
                  sender,
                  c.subject(),
                  c.text(),
                  null,
                  List.of(),
                  at,
                  c.orderRef() == null
                      ? Map.of("language", c.language())
                      : Map.of("language", c.language(), "orderRef", c.orderRef())));
      ticketIds.add(r.ticketId());
      history.route(r.ticketId(), c, n, at);
    }
    history.routingRules(rules);
    LOG.info(
        "demo data: "
            + ticketIds.size()
            + " tickets in "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms");
    banner();
  }

  private void banner() {
    LOG.info(
        "\n\n  Helpdesk is up: http://localhost:8080/\n"
            + "  Demo store checkout with the chat widget: http://localhost:8080/demo/checkout.html\n"
            + "  API: http://localhost:8080/api/v1  (OpenAPI: http://localhost:8080/openapi)\n"
            + "  Demo logins (password '"
            + PASSWORD
            + "'):\n"
            + "    maya  manager (all teams)\n"
            + "    sam   agent, Checkout & Payments (en)\n"
            + "    emma  agent, Returns & Refunds (en)\n"
            + "    lina  agent, Orders & Shipping (ar, en)\n"
            + "    omar  agent, Returns & Refunds + Orders & Shipping (ar, en)\n"
            + "  Admin: 'admin', password from HELPDESK_ADMIN_PASSWORD or printed above on the first start\n");
  }
}
