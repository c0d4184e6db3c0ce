package dev.helpdesk.infrastructure.persistence;

import dev.helpdesk.domain.model.agent.Agent;
import dev.helpdesk.domain.model.agent.PasswordHasher;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.infrastructure.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure an admin exists. The first admin's login and password come from {@code
 * HELPDESK_ADMIN_LOGIN}/{@code HELPDESK_ADMIN_PASSWORD} (or the {@code helpdesk.admin.*} system
 * properties); without a configured password a random one is printed once, on this first start.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class FirstAdmin {
  private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

  @PersistenceContext EntityManager em;

  @PostConstruct
  void ensureAdmin() {
    long admins =
        em.createQuery("select count(a) from Agent a where a.roles like '%ADMIN%'", Long.class)
            .getSingleResult();
    if (admins > 0) {
      return;
    }
    String login = setting("helpdesk.admin.login", "HELPDESK_ADMIN_LOGIN", "admin");
    String password = setting("helpdesk.admin.password", "HELPDESK_ADMIN_PASSWORD", null);
    boolean generated = password == null || password.isBlank();
    if (generated) {
      password = PasswordHasher.randomSecret(12);
    }
    Agent admin = new Agent(login, "Administrator", Set.of(Role.ADMIN));
    admin.setPasswordHash(PasswordHasher.hash(password));
    em.persist(admin);
    if (generated) {
      LOG.warning(
          "\n\n  First admin created: login '"
              + login
              + "', password '"
              + password
              + "'\n"
              + "  This password is shown only once. Set HELPDESK_ADMIN_PASSWORD to choose it.\n");
    } else {
      LOG.info("first admin '" + login + "' created with the configured password");
    }
  }

  private static String setting(String property, String env, String fallback) {
    return ServerSettings.get(property, env, fallback);
  }
}
