package dev.helpdesk.application;

import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.ApiToken;
import dev.helpdesk.domain.model.agent.PasswordHasher;
import dev.helpdesk.domain.model.agent.Team;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Who is calling: password logins, API tokens, and the caller behind a login name. */
@Stateless
public class AuthService {
  /** A dummy hash so an unknown login costs as much as a wrong password (no user probing). */
  private static final String DUMMY_HASH = PasswordHasher.hash(PasswordHasher.randomSecret(12));

  @PersistenceContext EntityManager em;

  /** The caller for a login and password, or empty; inactive agents cannot log in. */
  public Optional<Caller> login(String login, String password) {
    Agent a = byLogin(login);
    String hash = a == null || a.getPasswordHash() == null ? DUMMY_HASH : a.getPasswordHash();
    boolean ok = PasswordHasher.verify(password, hash);
    if (!ok || a == null || !a.isActive() || a.getPasswordHash() == null) {
      return Optional.empty();
    }
    return Optional.of(caller(a));
  }

  /** The caller behind an API token, or empty when unknown or revoked. */
  public Optional<Caller> authenticateToken(String secret) {
    if (secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    List<ApiToken> found =
        em.createQuery(
                "select t from ApiToken t join fetch t.owner where t.tokenHash = :h",
                ApiToken.class)
            .setParameter("h", PasswordHasher.tokenHash(secret))
            .getResultList();
    if (found.isEmpty()
        || found.get(0).getRevokedAt() != null
        || !found.get(0).getOwner().isActive()) {
      return Optional.empty();
    }
    ApiToken token = found.get(0);
    Instant now = Instant.now();
    if (token.getLastUsedAt() == null
        || token.getLastUsedAt().isBefore(now.minus(Duration.ofMinutes(1)))) {
      token.markUsed(now); // at most one write a minute per token
    }
    return Optional.of(caller(token.getOwner()));
  }

  /** The current caller for a login name (a session's principal), or empty when deactivated. */
  public Optional<Caller> caller(String login) {
    Agent a = byLogin(login);
    return a == null || !a.isActive() ? Optional.empty() : Optional.of(caller(a));
  }

  public record TokenView(
      long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

  public record NewToken(long id, String name, String secret) {}

  /** Makes an API token acting as the caller; the secret is returned now and never again. */
  public NewToken createToken(Caller caller, String name) {
    return createToken(em.getReference(Agent.class, caller.agentId()), name);
  }

  /** An admin makes a token for another account, typically an INTEGRATION account. */
  public NewToken createTokenFor(long agentId, String name) {
    Agent owner = em.find(Agent.class, agentId);
    if (owner == null) {
      throw new NotFoundException("agent", agentId);
    }
    if (!owner.isActive()) {
      throw new ConflictException("agent " + owner.getLogin() + " is deactivated");
    }
    return createToken(owner, name);
  }

  private NewToken createToken(Agent owner, String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidRequestException("name", "a token needs a name of 1 to 200 characters");
    }
    String secret = "hd_" + PasswordHasher.randomSecret(32);
    ApiToken t = new ApiToken(owner, name.strip(), PasswordHasher.tokenHash(secret));
    em.persist(t);
    return new NewToken(t.getId(), t.getName(), secret);
  }

  public List<TokenView> tokens(Caller caller) {
    return em
        .createQuery(
            "select t from ApiToken t where t.owner.id = :me order by t.id", ApiToken.class)
        .setParameter("me", caller.agentId())
        .getResultList()
        .stream()
        .map(
            t ->
                new TokenView(
                    t.getId(), t.getName(), t.getCreatedAt(), t.getLastUsedAt(), t.getRevokedAt()))
        .toList();
  }

  /** Revokes one of the caller's tokens (admins: anyone's). */
  public void revokeToken(Caller caller, long id) {
    ApiToken t = em.find(ApiToken.class, id);
    if (t == null
        || (t.getOwner().getId() != caller.agentId()
            && !caller.has(dev.helpdesk.domain.model.agent.Role.ADMIN))) {
      throw new NotFoundException("token", id);
    }
    t.revoke();
  }

  private Agent byLogin(String login) {
    if (login == null) {
      return null;
    }
    List<Agent> found =
        em.createQuery(
                "select a from Agent a left join fetch a.teams where a.login = :l", Agent.class)
            .setParameter("l", login.trim().toLowerCase(java.util.Locale.ROOT))
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  static Caller caller(Agent a) {
    return new Caller(
        a.getId(),
        a.getLogin(),
        a.getDisplayName(),
        a.getRoles(),
        a.getTeams().stream().map(Team::getId).collect(Collectors.toSet()));
  }
}
