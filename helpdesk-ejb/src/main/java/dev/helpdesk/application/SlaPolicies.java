package dev.helpdesk.application;

import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.metrics.SlaPolicy;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * SLA policies (docs/metrics.md): admins write them and give a team its default; routing rules
 * apply one by name ({@code applySla}); {@code SlaClock} runs them.
 */
@Stateless
public class SlaPolicies {
  @PersistenceContext EntityManager em;

  /** What an admin writes: targets as ISO-8601 durations ({@code PT1H}, {@code PT30M}). */
  public record SlaInput(
      String name,
      String firstResponse,
      String nextResponse,
      String resolution,
      Boolean businessHours,
      Integer warnPercent) {}

  public record SlaView(
      long id,
      String name,
      String firstResponse,
      String nextResponse,
      String resolution,
      boolean businessHours,
      int warnPercent,
      long version) {
    static SlaView of(SlaPolicy p) {
      return new SlaView(
          p.getId(),
          p.getName(),
          iso(p.getFirstResponseSeconds()),
          iso(p.getNextResponseSeconds()),
          iso(p.getResolutionSeconds()),
          p.isBusinessHours(),
          p.getWarnPercent(),
          p.getVersion());
    }

    private static String iso(Long seconds) {
      return seconds == null ? null : Duration.ofSeconds(seconds).toString();
    }
  }

  public List<SlaView> list() {
    return em
        .createQuery("select p from SlaPolicy p order by p.name", SlaPolicy.class)
        .getResultList()
        .stream()
        .map(SlaView::of)
        .toList();
  }

  public SlaView create(Caller caller, SlaInput in) {
    requireAdmin(caller);
    SlaPolicy p = new SlaPolicy(name(in));
    apply(p, in);
    if (byName(p.getName()) != null) {
      throw new ConflictException("an SLA policy is already called " + p.getName());
    }
    em.persist(p);
    em.flush();
    return SlaView.of(p);
  }

  public SlaView update(Caller caller, long id, SlaInput in) {
    requireAdmin(caller);
    SlaPolicy p = find(id);
    SlaPolicy other = byName(name(in));
    if (other != null && !other.getId().equals(p.getId())) {
      throw new ConflictException("an SLA policy is already called " + in.name().strip());
    }
    apply(p, in);
    em.flush();
    return SlaView.of(p);
  }

  /** Deletes a policy no team or priority has as its default (409 naming them otherwise). */
  public void delete(Caller caller, long id) {
    requireAdmin(caller);
    SlaPolicy p = find(id);
    List<?> users =
        em.createNativeQuery(
                "select 'team ' || name from team where sla_policy = ?1"
                    + " union all select 'priority ' || priority from sla_priority_default"
                    + " where sla_policy = ?1")
            .setParameter(1, p.getName())
            .getResultList();
    if (!users.isEmpty()) {
      throw new ConflictException(
          "the policy "
              + p.getName()
              + " is the default of "
              + users.stream()
                  .map(String::valueOf)
                  .collect(java.util.stream.Collectors.joining(", "))
              + "; choose another default first");
    }
    em.remove(p);
  }

  /** The policy a team's tickets get when no rule gives one (null: none). */
  public void setTeamPolicy(Caller caller, long teamId, String name) {
    requireAdmin(caller);
    String n = name == null || name.isBlank() ? null : name.strip();
    if (n != null && byName(n) == null) {
      throw new InvalidRequestException("policy", "no SLA policy is called " + n);
    }
    int updated =
        em.createNativeQuery("update team set sla_policy = ?1 where id = ?2")
            .setParameter(1, n)
            .setParameter(2, teamId)
            .executeUpdate();
    if (updated == 0) {
      throw new NotFoundException("team", teamId);
    }
  }

  /**
   * The policy of tickets of a priority when no rule gives one; it comes before the team's default
   * (an urgent ticket keeps the urgent targets in any team). Null or blank: none.
   */
  public void setPriorityPolicy(Caller caller, String priority, String name) {
    requireAdmin(caller);
    dev.helpdesk.domain.model.ticket.Priority p;
    try {
      p = dev.helpdesk.domain.model.ticket.Priority.valueOf(priority.strip().toUpperCase());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new NotFoundException("priority", priority);
    }
    String n = name == null || name.isBlank() ? null : name.strip();
    if (n != null && byName(n) == null) {
      throw new InvalidRequestException("policy", "no SLA policy is called " + n);
    }
    em.createNativeQuery("delete from sla_priority_default where priority = ?1")
        .setParameter(1, p.name())
        .executeUpdate();
    if (n != null) {
      em.createNativeQuery(
              "insert into sla_priority_default (priority, sla_policy) values (?1, ?2)")
          .setParameter(1, p.name())
          .setParameter(2, n)
          .executeUpdate();
    }
  }

  /** Which policy applies by default: per priority, per team (docs/metrics.md, "SLAs"). */
  public record Defaults(Map<String, String> priorities, List<TeamDefault> teams) {}

  public record TeamDefault(long id, String name, String policy) {}

  public Defaults defaults() {
    Map<String, String> byPriority = new java.util.TreeMap<>();
    for (Object o :
        em.createNativeQuery("select priority, sla_policy from sla_priority_default")
            .getResultList()) {
      Object[] r = (Object[]) o;
      byPriority.put((String) r[0], (String) r[1]);
    }
    List<TeamDefault> teams = new java.util.ArrayList<>();
    for (Object o :
        em.createNativeQuery("select id, name, sla_policy from team order by name")
            .getResultList()) {
      Object[] r = (Object[]) o;
      teams.add(new TeamDefault(((Number) r[0]).longValue(), (String) r[1], (String) r[2]));
    }
    return new Defaults(byPriority, teams);
  }

  public SlaPolicy byName(String name) {
    return em.createQuery("select p from SlaPolicy p where p.name = :n", SlaPolicy.class)
        .setParameter("n", name)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private SlaPolicy find(long id) {
    SlaPolicy p = em.find(SlaPolicy.class, id);
    if (p == null) {
      throw new NotFoundException("SLA policy", id);
    }
    return p;
  }

  private static String name(SlaInput in) {
    if (in == null
        || in.name() == null
        || in.name().isBlank()
        || in.name().strip().length() > 100) {
      throw new InvalidRequestException("name", "a policy needs a name (at most 100 characters)");
    }
    return in.name().strip();
  }

  private static void apply(SlaPolicy p, SlaInput in) {
    Long first = seconds("firstResponse", in.firstResponse());
    Long next = seconds("nextResponse", in.nextResponse());
    Long resolution = seconds("resolution", in.resolution());
    if (first == null && next == null && resolution == null) {
      throw new InvalidRequestException(
          "firstResponse",
          "a policy needs at least one target: firstResponse, nextResponse or resolution");
    }
    int warn = in.warnPercent() == null ? 75 : in.warnPercent();
    if (warn < 1 || warn > 99) {
      throw new InvalidRequestException("warnPercent", "warnPercent is 1 to 99");
    }
    p.set(name(in), first, next, resolution, !Boolean.FALSE.equals(in.businessHours()), warn);
  }

  private static Long seconds(String field, String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      long s = Duration.parse(iso.strip()).toSeconds();
      if (s < 1 || s > Duration.ofDays(365).toSeconds()) {
        throw new InvalidRequestException(field, field + " is 1 second to 365 days");
      }
      return s;
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " is an ISO-8601 duration such as PT30M, PT4H or P2D");
    }
  }

  private static void requireAdmin(Caller caller) {
    if (!caller.has(Role.ADMIN)) {
      throw new AccessDeniedException("SLA policies are written by admins");
    }
  }
}
