package dev.helpdesk.application;

import dev.helpdesk.application.Views.AgentView;
import dev.helpdesk.application.Views.TeamView;
import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.Availability;
import dev.helpdesk.domain.model.agent.PasswordHasher;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.agent.Team;
import dev.helpdesk.domain.model.channel.ChannelAccount;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Staff, teams and channel accounts: what the admin sets up. Callers are checked by the API. */
@Stateless
public class DirectoryService {
  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject dev.helpdesk.application.internal.AutoReplyMailboxes autoReplyMailboxes;
  @jakarta.inject.Inject dev.helpdesk.application.internal.ChatWidgets chatWidgets;
  @jakarta.inject.Inject Presence presence;
  @jakarta.inject.Inject dev.helpdesk.application.internal.TeamLoads teamLoads;
  @jakarta.inject.Inject dev.helpdesk.application.internal.Names names;

  // --- teams

  public List<TeamView> teams() {
    return em
        .createQuery("select t from Team t order by t.name", Team.class)
        .getResultList()
        .stream()
        .map(TeamView::of)
        .toList();
  }

  public TeamView team(long id) {
    return TeamView.of(findTeam(id));
  }

  public TeamView createTeam(String name, String description) {
    String n = requireName(name);
    if (!em.createQuery("select t.id from Team t where lower(t.name) = :n", Long.class)
        .setParameter("n", n.toLowerCase(Locale.ROOT))
        .getResultList()
        .isEmpty()) {
      throw new ConflictException("a team named '" + n + "' exists already");
    }
    Team t = new Team(n, description);
    em.persist(t);
    return TeamView.of(t);
  }

  /**
   * A team's assignment strategy, re-assignment delay and calendar; null fields keep their value.
   */
  public TeamView setTeamRouting(
      Caller caller,
      long id,
      String assignment,
      Boolean sticky,
      Integer reassignAfterMinutes,
      String timeZone,
      String businessHours,
      String holidays) {
    if (!caller.has(dev.helpdesk.domain.model.agent.Role.ADMIN)) {
      throw new AccessDeniedException("team routing is set by admins");
    }
    Team t = findTeam(id);
    var strategy = t.getAssignment();
    if (assignment != null) {
      try {
        strategy =
            dev.helpdesk.domain.model.routing.AssignmentStrategy.valueOf(
                assignment.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(
            "assignment", "assignment is ROUND_ROBIN, LEAST_LOADED or MANUAL");
      }
    }
    Integer reassign =
        reassignAfterMinutes == null ? t.getReassignAfterMinutes() : reassignAfterMinutes;
    if (reassign != null && reassign == 0) {
      reassign = null;
    }
    if (reassign != null && (reassign < 1 || reassign > 10_080)) {
      throw new InvalidRequestException(
          "reassignAfterMinutes",
          "reassignAfterMinutes is 1 to 10080 (a week); 0 or absent: never");
    }
    try {
      t.setRouting(
          strategy,
          sticky == null ? t.isSticky() : sticky,
          reassign,
          timeZone == null ? t.getTimeZone() : timeZone,
          businessHours == null ? t.getBusinessHours() : businessHours,
          holidays == null ? t.getHolidays() : holidays);
    } catch (dev.helpdesk.domain.model.routing.RuleException e) {
      throw new InvalidRequestException(e.field(), e.getMessage());
    }
    teamLoads.forget(); // routing reads the team's settings afresh
    return TeamView.of(t);
  }

  public TeamView updateTeam(long id, String name, String description) {
    Team t = findTeam(id);
    if (name != null) {
      String n = requireName(name);
      if (!em.createQuery(
              "select t.id from Team t where lower(t.name) = :n and t.id <> :id", Long.class)
          .setParameter("n", n.toLowerCase(Locale.ROOT))
          .setParameter("id", id)
          .getResultList()
          .isEmpty()) {
        throw new ConflictException("a team named '" + n + "' exists already");
      }
      t.setName(n);
      names.forget();
    }
    if (description != null) {
      t.setDescription(description);
    }
    return TeamView.of(t);
  }

  /** Deletes a team that no agent and no ticket belongs to any more. */
  public void deleteTeam(long id) {
    Team t = findTeam(id);
    long tickets =
        em.createQuery("select count(t) from Ticket t where t.team = :team", Long.class)
            .setParameter("team", t)
            .getSingleResult();
    long members =
        em.createQuery("select count(a) from Agent a join a.teams tm where tm = :team", Long.class)
            .setParameter("team", t)
            .getSingleResult();
    if (tickets > 0 || members > 0) {
      throw new ConflictException(
          "team '"
              + t.getName()
              + "' still has "
              + members
              + " member(s) and "
              + tickets
              + " ticket(s)");
    }
    em.remove(t);
    teamLoads.forget();
  }

  private Team findTeam(long id) {
    Team t = em.find(Team.class, id);
    if (t == null) {
      throw new NotFoundException("team", id);
    }
    return t;
  }

  // --- agents

  /** What an admin sends to create or change a member of staff; null fields are left alone. */
  public record AgentCommand(
      String login,
      String displayName,
      String email,
      String password,
      Set<Role> roles,
      Set<Long> teamIds,
      Set<String> languages,
      Set<String> skills,
      Integer capacity,
      Integer chatCapacity,
      Boolean active) {}

  public List<AgentView> agents() {
    return em
        .createQuery(
            "select distinct a from Agent a left join fetch a.teams order by a.login", Agent.class)
        .getResultList()
        .stream()
        .map(AgentView::of)
        .toList();
  }

  public AgentView agent(long id) {
    return AgentView.of(findAgent(id));
  }

  public AgentView createAgent(AgentCommand c) {
    if (c.login() == null || !c.login().trim().matches("[A-Za-z0-9._@-]{2,100}")) {
      throw new InvalidRequestException(
          "login", "login must be 2 to 100 letters, digits or . _ @ -");
    }
    String login = c.login().trim().toLowerCase(Locale.ROOT);
    if (!em.createQuery("select a.id from Agent a where a.login = :l", Long.class)
        .setParameter("l", login)
        .getResultList()
        .isEmpty()) {
      throw new ConflictException("login '" + login + "' is taken");
    }
    if (c.roles() == null || c.roles().isEmpty()) {
      throw new InvalidRequestException("roles", "at least one role is required");
    }
    Agent a =
        new Agent(
            login,
            c.displayName() == null || c.displayName().isBlank() ? login : c.displayName().strip(),
            c.roles());
    if (c.password() == null && !c.roles().equals(Set.of(Role.INTEGRATION))) {
      throw new InvalidRequestException("password", "staff need a password");
    }
    apply(a, c);
    em.persist(a);
    teamLoads.forget();
    return AgentView.of(a);
  }

  public AgentView updateAgent(long id, AgentCommand c) {
    Agent a = findAgent(id);
    if (c.login() != null && !c.login().trim().equalsIgnoreCase(a.getLogin())) {
      throw new InvalidRequestException("login", "a login cannot be changed");
    }
    if (c.displayName() != null && !c.displayName().isBlank()) {
      a.setDisplayName(c.displayName().strip());
      names.forget();
    }
    if (c.roles() != null) {
      if (c.roles().isEmpty()) {
        throw new InvalidRequestException("roles", "at least one role is required");
      }
      a.setRoles(c.roles());
    }
    apply(a, c);
    teamLoads.forget();
    return AgentView.of(a);
  }

  /** Sets an agent's own availability (online / away / offline). */
  public AgentView setAvailability(long id, Availability availability) {
    Agent a = findAgent(id);
    a.setAvailability(availability);
    presence.changed(a.getId());
    return AgentView.of(a);
  }

  /** The workspace languages an agent can choose. */
  public static final Set<String> UI_LANGUAGES = Set.of("en", "ar");

  /** Sets the language of an agent's own workspace. */
  public AgentView setUiLanguage(long id, String language) {
    if (language == null || !UI_LANGUAGES.contains(language)) {
      throw new InvalidRequestException(
          "language", "language must be one of " + new java.util.TreeSet<>(UI_LANGUAGES));
    }
    Agent a = findAgent(id);
    a.setUiLanguage(language);
    return AgentView.of(a);
  }

  private void apply(Agent a, AgentCommand c) {
    if (c.password() != null) {
      if (c.password().length() < 8) {
        throw new InvalidRequestException("password", "password must have at least 8 characters");
      }
      a.setPasswordHash(PasswordHasher.hash(c.password()));
    }
    if (c.email() != null) {
      if (!c.email().isBlank() && !c.email().matches("[^@\\s]+@[^@\\s]+")) {
        throw new InvalidRequestException("email", "not an e-mail address: " + c.email());
      }
      a.setEmail(c.email().isBlank() ? null : c.email().trim());
    }
    if (c.teamIds() != null) {
      a.getTeams().clear();
      for (Long t : c.teamIds()) {
        Team team = em.find(Team.class, t);
        if (team == null) {
          throw new InvalidRequestException("teamIds", "team " + t + " does not exist");
        }
        a.getTeams().add(team);
      }
    }
    if (c.languages() != null) {
      a.setLanguages(Views.lower(c.languages()));
    }
    if (c.skills() != null) {
      a.setSkills(Views.lower(c.skills()));
    }
    if (c.capacity() != null) {
      if (c.capacity() < 0 || c.capacity() > 1000) {
        throw new InvalidRequestException("capacity", "capacity must be between 0 and 1000");
      }
      a.setCapacity(c.capacity());
    }
    if (c.chatCapacity() != null) {
      if (c.chatCapacity() < 0 || c.chatCapacity() > 100) {
        throw new InvalidRequestException("chatCapacity", "chatCapacity must be between 0 and 100");
      }
      a.setChatCapacity(c.chatCapacity());
    }
    if (c.active() != null) {
      a.setActive(c.active());
    }
  }

  private Agent findAgent(long id) {
    Agent a = em.find(Agent.class, id);
    if (a == null) {
      throw new NotFoundException("agent", id);
    }
    return a;
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidRequestException("name", "name must have 1 to 200 characters");
    }
    return name.strip();
  }

  // --- channel accounts

  public record ChannelAccountView(
      long id,
      Channel channel,
      String address,
      String name,
      boolean active,
      Set<String> settingKeys) {
    static ChannelAccountView of(ChannelAccount a) {
      return new ChannelAccountView(
          a.getId(),
          a.getChannel(),
          a.getAddress(),
          a.getName(),
          a.isActive(),
          a.getSettings().keySet());
    }
  }

  public List<ChannelAccountView> channelAccounts() {
    return em
        .createQuery(
            "select a from ChannelAccount a order by a.channel, a.address", ChannelAccount.class)
        .getResultList()
        .stream()
        .map(ChannelAccountView::of)
        .toList();
  }

  /** Connects a channel account; settings (secrets included) are write-only through the API. */
  public ChannelAccountView createChannelAccount(
      Channel channel, String address, String name, Map<String, String> settings) {
    if (channel == null) {
      throw new InvalidRequestException(
          "channel", "channel must be one of " + java.util.Arrays.toString(Channel.values()));
    }
    if (address == null || address.isBlank() || address.length() > 320) {
      throw new InvalidRequestException("address", "address must have 1 to 320 characters");
    }
    if (!em.createQuery(
            "select a.id from ChannelAccount a where a.channel = :c and a.address = :a", Long.class)
        .setParameter("c", channel)
        .setParameter("a", address.strip())
        .getResultList()
        .isEmpty()) {
      throw new ConflictException(channel + " account '" + address.strip() + "' exists already");
    }
    if (channel == Channel.EMAIL) {
      address = address.strip().toLowerCase(java.util.Locale.ROOT);
      if (!address.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+")) {
        throw new InvalidRequestException("address", "a mailbox address must be an e-mail address");
      }
    }
    ChannelAccount a =
        new ChannelAccount(
            channel,
            address.strip(),
            name == null || name.isBlank() ? address.strip() : name.strip());
    Map<String, String> initial =
        settings == null ? new java.util.HashMap<>() : new java.util.HashMap<>(settings);
    if (channel == Channel.CHAT) {
      if (!address.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new InvalidRequestException(
            "address", "a widget key has 1 to 64 letters, digits, '.', '_' or '-'");
      }
      // the widget's secret signs visitor tokens and verifies shopper identities
      initial.putIfAbsent("secret", randomSecret());
    }
    if (!initial.isEmpty()) {
      validate(initial);
      a.setSettings(initial);
    }
    em.persist(a);
    autoReplyMailboxes.invalidate();
    chatWidgets.invalidate();
    return ChannelAccountView.of(a);
  }

  /**
   * Changes a channel account: its name, whether it is active, and settings (a key with a null
   * value is removed, others are set; secrets stay write-only).
   */
  public ChannelAccountView updateChannelAccount(
      long id, String name, Boolean active, Map<String, String> settings) {
    ChannelAccount a = em.find(ChannelAccount.class, id);
    if (a == null) {
      throw new NotFoundException("channel account", id);
    }
    if (name != null && !name.isBlank()) {
      a.setName(name.strip());
    }
    if (active != null) {
      a.setActive(active);
    }
    if (settings != null) {
      Map<String, String> merged = a.getSettings();
      settings.forEach(
          (k, v) -> {
            if (v == null) {
              merged.remove(k);
            } else {
              merged.put(k, v);
            }
          });
      validate(merged);
      a.setSettings(merged);
    }
    autoReplyMailboxes.invalidate();
    chatWidgets.invalidate();
    return ChannelAccountView.of(a);
  }

  private static String randomSecret() {
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  private static void validate(Map<String, String> settings) {
    String origins = settings.get("allowedOrigins");
    if (origins != null) {
      for (String o : origins.split("[,\\s]+")) {
        if (!o.isBlank() && !o.equals("*") && !o.matches("https?://[^/\\s]+/?")) {
          throw new InvalidRequestException(
              "settings.allowedOrigins",
              "allowedOrigins lists origins like https://shop.example (scheme and host, no path): "
                  + o);
        }
      }
    }
    String pre = settings.get("preChat");
    if (pre != null) {
      for (String f : pre.split("[,\\s]+")) {
        if (!f.isBlank() && !List.of("none", "name", "email", "topic").contains(f)) {
          throw new InvalidRequestException(
              "settings.preChat", "preChat lists name, email and topic, or is none: " + f);
        }
      }
    }
    String secret = settings.get("secret");
    if (secret != null && secret.length() < 16) {
      throw new InvalidRequestException(
          "settings.secret", "a widget secret has at least 16 characters");
    }
    String kb = settings.get("maxFileKb");
    if (kb != null && !kb.strip().matches("\\d{1,6}")) {
      throw new InvalidRequestException("settings.maxFileKb", "maxFileKb must be a whole number");
    }
    String bot = settings.get("faqBot");
    if (bot != null && !bot.strip().matches("(?i)true|false")) {
      throw new InvalidRequestException("settings.faqBot", "faqBot must be true or false");
    }
    String base = settings.get("apiBaseUrl");
    if (base != null && !base.matches("https?://\\S+")) {
      throw new InvalidRequestException(
          "settings.apiBaseUrl", "apiBaseUrl must be an http(s) URL: " + base);
    }
    String url = settings.get("callbackUrl");
    if (url != null && !url.matches("https?://\\S+")) {
      throw new InvalidRequestException(
          "settings.callbackUrl", "callbackUrl must be an http(s) URL");
    }
    for (String key : List.of("imap.port", "smtp.port", "pollSeconds")) {
      String v = settings.get(key);
      if (v != null && !v.strip().matches("\\d{1,5}")) {
        throw new InvalidRequestException("settings." + key, key + " must be a whole number");
      }
    }
    for (String key : List.of("imap.security", "smtp.security")) {
      String v = settings.get(key);
      if (v != null && !List.of("none", "ssl", "starttls").contains(v)) {
        throw new InvalidRequestException(
            "settings." + key, key + " must be none, ssl or starttls");
      }
    }
    for (String key : List.of("autoReply")) {
      String v = settings.get(key);
      if (v != null && !List.of("true", "false").contains(v)) {
        throw new InvalidRequestException("settings." + key, key + " must be true or false");
      }
    }
  }
}
