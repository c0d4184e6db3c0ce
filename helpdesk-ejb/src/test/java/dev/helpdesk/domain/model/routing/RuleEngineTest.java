package dev.helpdesk.domain.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.routing.Rule.Action;
import dev.helpdesk.domain.model.routing.Rule.Condition;
import dev.helpdesk.domain.model.ticket.Priority;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What admins' rules do with a ticket's facts, and what they refuse to save. */
class RuleEngineTest {
  static final long PAYMENTS = 3;
  static final long ORDERS = 4;

  static RoutingFacts facts(Topic topic, String language, String text) {
    return new RoutingFacts(Channel.EMAIL, 7L, language, topic, text, false, true, null, null);
  }

  static Rule rule(long id, boolean stop, List<Condition> when, Action... then) {
    return Rule.compile(
        id,
        "rule " + id,
        false,
        stop,
        when,
        List.of(then),
        team -> team < 10,
        agent -> agent < 100);
  }

  static Condition c(String field, String op, String... values) {
    return new Condition(field, op, List.of(values));
  }

  static Action a(String type, String value) {
    return new Action(type, value, null);
  }

  @Test
  void aPaymentQuestionGoesToPaymentsWithItsPriorityAndTags() {
    Rule payments =
        rule(
            1,
            false,
            List.of(c("topic", "in", "payment")),
            a("setTeam", "3"),
            a("setPriority", "high"),
            new Action("addTags", null, List.of("Payment", "checkout-risk")));
    RuleEngine.Outcome o =
        RuleEngine.run(
            List.of(payments), facts(Topic.PAYMENT, "en", "card declined"), null, t -> true);
    assertEquals(PAYMENTS, o.teamId());
    assertEquals(Priority.HIGH, o.priority());
    assertEquals(Set.of("payment", "checkout-risk"), o.tags());
    assertEquals(1, o.firings().size());
    assertEquals(
        List.of("setTeam 3", "setPriority high", "addTags Payment,checkout-risk"),
        o.firings().get(0).actions());
  }

  @Test
  void theTimelineNamesTeamsAndAgentsItKnowsAndKeepsTheIdOfOthers() {
    Rule r = rule(1, false, List.of(), a("setTeam", "3"), a("assign", "42"), a("notify", "42"));
    java.util.function.BiFunction<
            java.util.function.LongFunction<String>,
            java.util.function.LongFunction<String>,
            List<String>>
        described =
            (teams, agents) ->
                RuleEngine.run(
                        List.of(r),
                        facts(Topic.PAYMENT, "en", "card declined"),
                        null,
                        t -> true,
                        teams,
                        agents)
                    .firings()
                    .get(0)
                    .actions();
    assertEquals(
        List.of("setTeam “Payments”", "assign “Sara”", "notify 42"),
        described.apply(
            team -> team == 3 ? "Payments" : null, agent -> agent == 42 ? "Sara" : null));
    assertEquals(
        List.of("setTeam 3", "assign 42", "notify 42"),
        described.apply(team -> null, agent -> null));
  }

  @Test
  void rulesRunInOrderLaterOnesOverrideAndStopOnMatchEndsTheRun() {
    Rule arabic = rule(1, false, List.of(c("language", "in", "AR")), a("setTeam", "4"));
    Rule vipStop = rule(2, true, List.of(c("vip", "is", "true")), a("setPriority", "urgent"));
    Rule last = rule(3, false, List.of(), a("setTeam", "3"));
    RoutingFacts vip =
        new RoutingFacts(
            Channel.CHAT, null, "ar", Topic.SHIPPING, "وين طلبي", true, false, null, null);
    RuleEngine.Outcome o = RuleEngine.run(List.of(arabic, vipStop, last), vip, null, t -> true);
    assertEquals(ORDERS, o.teamId(), "the stop-on-match rule kept the last one from running");
    assertEquals(Priority.URGENT, o.priority());
    assertEquals(2, o.firings().size());

    RoutingFacts notVip = facts(Topic.SHIPPING, "ar", "وين طلبي");
    RuleEngine.Outcome o2 = RuleEngine.run(List.of(arabic, vipStop, last), notVip, null, t -> true);
    assertEquals(PAYMENTS, o2.teamId(), "a later rule overrides the team");
    assertNull(o2.priority());
  }

  @Test
  void keywordsIgnoreCaseAndArabicLetterFormsAndRegexFindsPatterns() {
    Rule chargeback =
        rule(1, false, List.of(c("keywords", "any", "chargeback", "استرداد")), a("setTeam", "3"));
    assertEquals(
        PAYMENTS,
        RuleEngine.run(
                List.of(chargeback), facts(null, "en", "I filed a CHARGEBACK"), null, t -> true)
            .teamId());
    assertEquals(
        PAYMENTS,
        RuleEngine.run(
                List.of(chargeback), facts(null, "ar", "أبغى إسترداد المبلغ"), null, t -> true)
            .teamId(),
        "إسترداد with hamza matches استرداد");
    Rule order = rule(2, false, List.of(c("text", "matches", "#?\\d{5,}")), a("setTeam", "4"));
    assertEquals(
        ORDERS,
        RuleEngine.run(List.of(order), facts(null, "en", "order #20931 late"), null, t -> true)
            .teamId());
    assertTrue(
        RuleEngine.run(List.of(order), facts(null, "en", "late order"), null, t -> true)
            .firings()
            .isEmpty());
    // case is ignored in patterns of Latin letters and of other scripts alike
    Rule ref =
        rule(3, false, List.of(c("text", "matches", "ref\\s*[A-Z]{2}-\\d+")), a("setTeam", "4"));
    assertEquals(
        ORDERS,
        RuleEngine.run(List.of(ref), facts(null, "en", "see REF qa-7 please"), null, t -> true)
            .teamId());
    Rule greek = rule(4, false, List.of(c("text", "matches", "ΠΑΡΑΓΓΕΛΙΑ")), a("setTeam", "4"));
    assertEquals(
        ORDERS,
        RuleEngine.run(List.of(greek), facts(null, "en", "η παραγγελια μου"), null, t -> true)
            .teamId());
  }

  @Test
  void orderValueCheckoutStepFirstTimeBuyerAndAnyOf() {
    Rule big =
        Rule.compile(
            1,
            "big carts or payment step",
            true,
            false,
            List.of(c("orderValue", "atLeast", "500"), c("checkoutStep", "in", "payment")),
            List.of(a("setPriority", "high")),
            t -> true,
            a -> true);
    RoutingFacts cart =
        new RoutingFacts(
            Channel.CHAT,
            null,
            "en",
            Topic.CHECKOUT,
            "help",
            false,
            true,
            "shipping",
            new BigDecimal("620.00"));
    assertEquals(Priority.HIGH, RuleEngine.run(List.of(big), cart, null, t -> true).priority());
    RoutingFacts payStep =
        new RoutingFacts(
            Channel.CHAT, null, "en", Topic.CHECKOUT, "help", false, true, "Payment", null);
    assertEquals(Priority.HIGH, RuleEngine.run(List.of(big), payStep, null, t -> true).priority());
    RoutingFacts small =
        new RoutingFacts(
            Channel.CHAT,
            null,
            "en",
            Topic.CHECKOUT,
            "help",
            false,
            true,
            "cart",
            new BigDecimal("20"));
    assertNull(RuleEngine.run(List.of(big), small, null, t -> true).priority());

    Rule welcome = rule(2, false, List.of(c("firstTimeBuyer", "is", "true")), a("setTeam", "3"));
    assertEquals(PAYMENTS, RuleEngine.run(List.of(welcome), small, null, t -> true).teamId());
  }

  @Test
  void businessHoursLookAtTheTeamChosenSoFar() {
    Rule toOrders = rule(1, false, List.of(), a("setTeam", "4"));
    Rule closed =
        rule(
            2,
            false,
            List.of(c("businessHours", "is", "false")),
            a("autoReply", "We answer {opens}"));
    RuleEngine.Outcome o =
        RuleEngine.run(
            List.of(toOrders, closed),
            facts(Topic.OTHER, "en", "hi"),
            null,
            team -> team != ORDERS);
    assertEquals("We answer {opens}", o.autoReply(), "orders is closed");
    RuleEngine.Outcome open =
        RuleEngine.run(
            List.of(toOrders, closed), facts(Topic.OTHER, "en", "hi"), null, team -> true);
    assertNull(open.autoReply());
  }

  @Test
  void rulesThatCannotRunAreRefusedNamingThePart() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () -> rule(1, false, List.of(c("text", "matches", "(unclosed")), a("setTeam", "3")));
    assertEquals("conditions[0].values", e.field());
    assertTrue(e.getMessage().contains("invalid regular expression"), e.getMessage());
    assertEquals(
        "actions[0].value",
        assertThrows(RuleException.class, () -> rule(1, false, List.of(), a("setTeam", "42")))
            .field(),
        "no team 42");
    assertEquals(
        "conditions[0].field",
        assertThrows(
                RuleException.class,
                () -> rule(1, false, List.of(c("mood", "in", "angry")), a("setTeam", "3")))
            .field());
    assertEquals(
        "conditions[0].values",
        assertThrows(
                RuleException.class,
                () -> rule(1, false, List.of(c("topic", "in", "weather")), a("setTeam", "3")))
            .field());
    assertEquals(
        "conditions[0].op",
        assertThrows(
                RuleException.class,
                () -> rule(1, false, List.of(c("orderValue", "in", "5")), a("setTeam", "3")))
            .field());
    assertEquals(
        "actions", assertThrows(RuleException.class, () -> rule(1, false, List.of())).field());
    assertEquals(
        "actions[0].value",
        assertThrows(RuleException.class, () -> rule(1, false, List.of(), a("assign", "9999")))
            .field());
  }
}
