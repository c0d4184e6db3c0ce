package dev.helpdesk.infrastructure.persistence;

import dev.helpdesk.application.KnowledgeBase;
import dev.helpdesk.application.TopicClassifier;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.routing.TopicExample;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Stores the topic classifier's built-in labelled questions ({@code routing/examples-<lang>.tsv})
 * that are not stored yet: all on the first start, the new ones after an upgrade; agents'
 * corrections are added beside them.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class TopicExamplesSeed {
  private static final Logger LOG = Logger.getLogger(TopicExamplesSeed.class.getName());

  @PersistenceContext EntityManager em;

  @PostConstruct
  void seed() {
    Set<String> stored =
        new HashSet<>(
            em.createQuery(
                    "select x.language || ':' || x.text from TopicExample x"
                        + " where x.agentId is null and x.ticketId is null",
                    String.class)
                .getResultList());
    Instant now = Instant.now();
    int n = 0;
    for (String language : KnowledgeBase.LANGUAGES) {
      for (String[] e : TopicClassifier.seed(language)) {
        if (stored.add(language + ":" + e[1])) {
          em.persist(new TopicExample(language, Topic.valueOf(e[0]), e[1], null, null, now));
          n++;
        }
      }
    }
    if (n > 0) {
      LOG.info("topic classifier: " + n + " built-in labelled questions stored");
    }
  }
}
