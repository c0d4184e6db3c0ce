package dev.helpdesk.application.internal;

import dev.helpdesk.application.KnowledgeBase;
import dev.helpdesk.domain.model.routing.Topic;
import dev.helpdesk.domain.model.routing.TopicExample;
import dev.helpdesk.domain.model.routing.TopicModel;
import dev.helpdesk.infrastructure.search.FaqAnalyzers;
import dev.helpdesk.infrastructure.search.NearestExamples;
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
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;

/**
 * What the topic classifier has learnt, held in memory: the labelled questions (built-in and
 * agents' corrections) in a {@link NearestExamples} index, and per language a {@link TopicModel}
 * learnt from them and the published articles' titles and keywords. Built again when those change
 * (a correction on this node at once; on other nodes within 30 s, when the examples' count or
 * latest id or the articles' latest edit differ).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TopicModels {
  static final long CHECK_MS = 30_000;

  @PersistenceContext EntityManager em;

  /** The examples' index and the word models of every language, as learnt at one moment. */
  public record Learnt(NearestExamples<Topic> examples, Map<String, TopicModel> models) {
    public TopicModel model(String language) {
      return models.getOrDefault(language, models.get("en"));
    }
  }

  private record Cached(Learnt learnt, String stamp, long checkedAt) {}

  private volatile Cached cached;

  public Learnt learnt() {
    Cached c = cached;
    long now = System.currentTimeMillis();
    if (c != null && now - c.checkedAt() < CHECK_MS) {
      return c.learnt();
    }
    String stamp = stamp(em);
    Learnt l = c != null && c.stamp().equals(stamp) ? c.learnt() : load(em);
    cached = new Cached(l, stamp, now);
    return l;
  }

  /** Forgets what was learnt: the next classification learns again (after a correction). */
  public void changed() {
    cached = null;
  }

  static String stamp(EntityManager em) {
    Object[] e =
        em.createQuery("select count(x), max(x.id) from TopicExample x", Object[].class)
            .getSingleResult();
    Object a =
        em.createQuery("select max(a.updatedAt) from Article a", Object.class).getSingleResult();
    return e[0] + "/" + e[1] + "/" + a;
  }

  /** Learns from the database (used by tests outside the server too). */
  public static Learnt load(EntityManager em) {
    List<NearestExamples.Example<Topic>> all = new ArrayList<>();
    Map<String, List<TopicModel.Example>> byLanguage = new TreeMap<>();
    for (String language : KnowledgeBase.LANGUAGES) {
      byLanguage.put(language, new ArrayList<>());
    }
    for (TopicExample x :
        em.createQuery("select x from TopicExample x order by x.id", TopicExample.class)
            .getResultList()) {
      all.add(new NearestExamples.Example<>(x.getLanguage(), x.getTopic(), x.getText()));
      List<TopicModel.Example> own = byLanguage.get(x.getLanguage());
      if (own != null) {
        own.add(new TopicModel.Example(x.getTopic(), x.getText()));
      }
    }
    for (Object[] a :
        em.createQuery(
                "select a.language, a.category, a.title, a.keywords from Article a"
                    + " where a.published = true",
                Object[].class)
            .getResultList()) {
      List<TopicModel.Example> own = byLanguage.get((String) a[0]);
      if (own != null) {
        own.add(
            new TopicModel.Example(
                Topic.of((dev.helpdesk.domain.model.faq.Category) a[1]), a[2] + " " + a[3]));
      }
    }
    Map<String, TopicModel> models = new TreeMap<>();
    byLanguage.forEach(
        (language, examples) -> {
          Analyzer analyzer = FaqAnalyzers.of(language, true);
          models.put(
              language, new TopicModel(examples, text -> FaqAnalyzers.tokens(analyzer, text)));
        });
    return new Learnt(new NearestExamples<>(all, KnowledgeBase.LANGUAGES), Map.copyOf(models));
  }
}
