package dev.helpdesk.domain.model.routing;

import dev.helpdesk.domain.model.ticket.Priority;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Runs the rules in order on a ticket's facts: each rule whose conditions hold applies its actions
 * (a later rule overrides an earlier one's team, priority, assignee; tags add up); a rule marked
 * stop-on-match ends the run. Conditions on business hours see the team set so far.
 */
public final class RuleEngine {
  private RuleEngine() {}

  /** Which rule fired and what it did, for the ticket's timeline and the dry run. */
  public record Firing(long ruleId, String rule, List<String> actions) {}

  /** What the rules decided; null fields were not decided. */
  public record Outcome(
      Long teamId,
      Priority priority,
      Set<String> tags,
      String assign,
      String autoReply,
      String slaPolicy,
      Set<String> notices,
      List<Firing> firings) {}

  public static Outcome run(
      List<Rule> rules, RoutingFacts facts, Long currentTeam, LongPredicate teamOpen) {
    return run(rules, facts, currentTeam, teamOpen, id -> null, id -> null);
  }

  /**
   * As {@link #run(List, RoutingFacts, Long, LongPredicate)}; the firings name teams and agents by
   * {@code teamName} and {@code agentName} (for people reading the timeline or the dry run).
   */
  public static Outcome run(
      List<Rule> rules,
      RoutingFacts facts,
      Long currentTeam,
      LongPredicate teamOpen,
      java.util.function.LongFunction<String> teamName,
      java.util.function.LongFunction<String> agentName) {
    Long team = currentTeam;
    Long decidedTeam = null;
    Priority priority = null;
    Set<String> tags = new LinkedHashSet<>();
    String assign = null;
    String autoReply = null;
    String sla = null;
    Set<String> notify = new LinkedHashSet<>();
    List<Firing> firings = new ArrayList<>();
    for (Rule r : rules) {
      if (!r.matches(facts, team, teamOpen)) {
        continue;
      }
      List<String> done = new ArrayList<>();
      for (Rule.Action a : r.actions()) {
        String v = a.value() == null ? "" : a.value().strip();
        switch (a.type()) {
          case "setTeam" -> {
            team = Long.parseLong(v);
            decidedTeam = team;
          }
          case "setPriority" -> priority = Priority.valueOf(v.toUpperCase(Locale.ROOT));
          case "addTags" -> a.values().forEach(t -> tags.add(t.strip().toLowerCase(Locale.ROOT)));
          case "assign" -> assign = v;
          case "autoReply" -> autoReply = v;
          case "applySla" -> sla = v;
          case "notify" -> notify.add(v);
          default -> throw new IllegalStateException(a.type());
        }
        done.add(a.describe(teamName, agentName));
      }
      firings.add(new Firing(r.id(), r.name(), done));
      if (r.stopOnMatch()) {
        break;
      }
    }
    return new Outcome(decidedTeam, priority, tags, assign, autoReply, sla, notify, firings);
  }
}
