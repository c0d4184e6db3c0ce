package dev.helpdesk.application.internal;

import dev.helpdesk.application.KnowledgeBase;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.routing.TopicExample;
import dev.helpdesk.domain.model.routing.TopicModel;
import dev.helpdesk.infrastructure.search.FaqAnalyzers;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;

/**
 * The topic models per language, learnt from the labelled questions (built-in and agents'
 * corrections) and the published articles' titles and keywords; rebuilt when those change (a
 * correction on this node at once; on other nodes within 30 s, when the examples' count or latest
 * id or the articles' latest edit differ).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TopicModels {
  static final long CHECK_MS = 30_000;

  @PersistenceContext EntityManager em;

  private record Cached(TopicModel model, String stamp, long checkedAt) {}

  private final Map<String, Cached> models = new ConcurrentHashMap<>();

  public TopicModel model(String language) {
    Cached c = models.get(language);
    long now = System.currentTimeMillis();
    if (c != null && now - c.checkedAt() < CHECK_MS) {
      return c.model();
    }
    String stamp = stamp(em, language);
    if (c != null && c.stamp().equals(stamp)) {
      models.put(language, new Cached(c.model(), stamp, now));
      return c.model();
    }
    TopicModel m = load(em, language);
    models.put(language, new Cached(m, stamp, now));
    return m;
  }

  /** Forgets the models: the next classification learns again (after a correction). */
  public void changed() {
    models.clear();
  }

  static String stamp(EntityManager em, String language) {
    Object[] e =
        em.createQuery(
                "select count(x), max(x.id) from TopicExample x where x.language = :l",
                Object[].class)
            .setParameter("l", language)
            .getSingleResult();
    Object a =
        em.createQuery("select max(a.updatedAt) from Article a where a.language = :l", Object.class)
            .setParameter("l", language)
            .getSingleResult();
    return e[0] + "/" + e[1] + "/" + a;
  }

  /** Learns a language's model from the database (used by tests outside the server too). */
  public static TopicModel load(EntityManager em, String language) {
    List<TopicModel.Example> examples = new ArrayList<>();
    for (TopicExample x :
        em.createQuery("select x from TopicExample x where x.language = :l", TopicExample.class)
            .setParameter("l", language)
            .getResultList()) {
      examples.add(new TopicModel.Example(x.getTopic(), x.getText()));
    }
    for (Object[] a :
        em.createQuery(
                "select a.category, a.title, a.keywords from Article a"
                    + " where a.language = :l and a.published = true",
                Object[].class)
            .setParameter("l", language)
            .getResultList()) {
      examples.add(
          new TopicModel.Example(
              Topic.of((dev.helpdesk.domain.model.faq.Category) a[0]), a[1] + " " + a[2]));
    }
    Analyzer analyzer =
        FaqAnalyzers.of(KnowledgeBase.LANGUAGES.contains(language) ? language : "en", true);
    return new TopicModel(examples, text -> FaqAnalyzers.tokens(analyzer, text));
  }
}
