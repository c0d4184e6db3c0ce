package dev.helpdesk.application;

import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.routing.RoutingRule;
import dev.helpdesk.domain.model.routing.Rule;
import dev.helpdesk.domain.model.routing.RuleException;
import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The admins' routing rules: stored as JSON, checked when written (an unknown team or agent, a bad
 * regular expression, an unknown field: 422 naming the part), and compiled for the router, which
 * reads them from a cache refreshed when a rule changes (on another node: within 5 s).
 */
@Stateless
public class RoutingRules {
  static final Jsonb JSON = JsonbBuilder.create();
  static final Type CONDITIONS =
      new ArrayList<Rule.Condition>() {}.getClass().getGenericSuperclass();
  static final Type ACTIONS = new ArrayList<Rule.Action>() {}.getClass().getGenericSuperclass();
  static final long CHECK_MS = 5_000;

  @PersistenceContext EntityManager em;

  /** What an admin writes. */
  public record RuleInput(
      String name,
      Integer position,
      Boolean enabled,
      Boolean stopOnMatch,
      Boolean matchAny,
      List<Rule.Condition> conditions,
      List<Rule.Action> actions) {}

  public record RuleView(
      long id,
      String name,
      int position,
      boolean enabled,
      boolean stopOnMatch,
      boolean matchAny,
      List<Rule.Condition> conditions,
      List<Rule.Action> actions,
      Instant updatedAt,
      long version) {}

  private record Compiled(String stamp, long checkedAt, List<Rule> rules) {}

  private static volatile Compiled cache = new Compiled("", 0, List.of());

  public List<RuleView> list() {
    return em
        .createQuery("select r from RoutingRule r order by r.position, r.id", RoutingRule.class)
        .getResultList()
        .stream()
        .map(RoutingRules::view)
        .toList();
  }

  public RuleView get(long id) {
    return view(find(id));
  }

  public RuleView create(Caller caller, RuleInput in) {
    requireAdmin(caller);
    RoutingRule r = new RoutingRule(Instant.now());
    apply(r, in, nextPosition());
    em.persist(r);
    em.flush();
    forget();
    return view(r);
  }

  public RuleView update(Caller caller, long id, RuleInput in, Long expectedVersion) {
    requireAdmin(caller);
    RoutingRule r = find(id);
    if (expectedVersion != null && expectedVersion != r.getVersion()) {
      throw new OptimisticLockException("rule " + id + " was changed meanwhile");
    }
    apply(r, in, r.getPosition());
    em.flush();
    forget();
    return view(r);
  }

  public void delete(Caller caller, long id) {
    requireAdmin(caller);
    em.remove(find(id));
    em.flush();
    forget();
  }

  /** A rule changed here: the next routing reads them again. */
  private static void forget() {
    cache = new Compiled("", 0, List.of());
  }

  /** The enabled rules in order, compiled; a rule that no longer compiles is skipped, logged. */
  public List<Rule> compiled() {
    Compiled c = cache;
    long now = System.currentTimeMillis();
    if (now - c.checkedAt() < CHECK_MS) {
      return c.rules();
    }
    Object[] s =
        em.createQuery("select count(r), max(r.updatedAt) from RoutingRule r", Object[].class)
            .getSingleResult();
    String stamp = s[0] + "/" + s[1];
    if (stamp.equals(c.stamp())) {
      cache = new Compiled(stamp, now, c.rules());
      return c.rules();
    }
    List<Rule> rules = new ArrayList<>();
    for (RoutingRule r :
        em.createQuery(
                "select r from RoutingRule r where r.enabled = true order by r.position, r.id",
                RoutingRule.class)
            .getResultList()) {
      try {
        rules.add(
            compile(
                r.getId(),
                r.getName(),
                r.isMatchAny(),
                r.isStopOnMatch(),
                conditions(r),
                actions(r)));
      } catch (RuleException e) {
        java.util.logging.Logger.getLogger(RoutingRules.class.getName())
            .warning(
                "routing rule " + r.getId() + " skipped: " + e.field() + ": " + e.getMessage());
      }
    }
    cache = new Compiled(stamp, now, List.copyOf(rules));
    return cache.rules();
  }

  /** Compiles a rule as written (for the dry run of a rule not saved yet, too). */
  public Rule compile(
      long id,
      String name,
      boolean matchAny,
      boolean stopOnMatch,
      List<Rule.Condition> conditions,
      List<Rule.Action> actions) {
    return Rule.compile(
        id,
        name,
        matchAny,
        stopOnMatch,
        conditions,
        actions,
        team -> em.find(Team.class, team) != null,
        agent -> {
          Agent a = em.find(Agent.class, agent);
          return a != null && a.isActive();
        });
  }

  private void apply(RoutingRule r, RuleInput in, int defaultPosition) {
    if (in == null) {
      throw new InvalidRequestException("body", "a rule is required");
    }
    boolean stop = Boolean.TRUE.equals(in.stopOnMatch());
    boolean any = Boolean.TRUE.equals(in.matchAny());
    List<Rule.Condition> conditions = in.conditions() == null ? List.of() : in.conditions();
    try {
      compile(0, in.name(), any, stop, conditions, in.actions());
    } catch (RuleException e) {
      throw new InvalidRequestException(e.field(), e.getMessage());
    }
    r.update(
        in.name().strip(),
        in.position() == null ? defaultPosition : in.position(),
        in.enabled() == null || in.enabled(),
        stop,
        any,
        JSON.toJson(conditions, CONDITIONS),
        JSON.toJson(in.actions(), ACTIONS),
        Instant.now());
  }

  private int nextPosition() {
    Integer max =
        em.createQuery("select max(r.position) from RoutingRule r", Integer.class)
            .getSingleResult();
    return max == null ? 10 : max + 10;
  }

  private RoutingRule find(long id) {
    RoutingRule r = em.find(RoutingRule.class, id);
    if (r == null) {
      throw new NotFoundException("rule", id);
    }
    return r;
  }

  static List<Rule.Condition> conditions(RoutingRule r) {
    return JSON.fromJson(r.getConditions(), CONDITIONS);
  }

  static List<Rule.Action> actions(RoutingRule r) {
    return JSON.fromJson(r.getActions(), ACTIONS);
  }

  private static RuleView view(RoutingRule r) {
    return new RuleView(
        r.getId(),
        r.getName(),
        r.getPosition(),
        r.isEnabled(),
        r.isStopOnMatch(),
        r.isMatchAny(),
        conditions(r),
        actions(r),
        r.getUpdatedAt(),
        r.getVersion());
  }

  private static void requireAdmin(Caller caller) {
    if (!caller.has(Role.ADMIN)) {
      throw new AccessDeniedException("routing rules are managed by admins");
    }
  }
}
