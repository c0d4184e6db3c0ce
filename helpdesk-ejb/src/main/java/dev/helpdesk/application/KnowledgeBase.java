package dev.helpdesk.application;

import dev.helpdesk.connectors.html.HtmlSanitizer;
import dev.helpdesk.connectors.text.Letters;
import dev.helpdesk.domain.model.agent.Role;
import dev.helpdesk.domain.model.faq.Article;
import dev.helpdesk.domain.model.faq.Category;
import dev.helpdesk.domain.model.faq.FaqEvent;
import dev.helpdesk.domain.model.faq.FaqGap;
import dev.helpdesk.domain.model.ticket.Direction;
import dev.helpdesk.domain.model.ticket.Ticket;
import dev.helpdesk.domain.model.ticket.TicketActivity;
import dev.helpdesk.domain.model.ticket.TicketStatus;
import dev.helpdesk.domain.model.ticket.Visibility;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;

/**
 * The FAQ knowledge base: articles (managers and admins write them), full-text suggestions for
 * shoppers and agents, and the facts of what happened to each article.
 *
 * <p>Search (Hibernate Search, analysers in {@code FaqAnalyzers}): the question's language is read
 * from its script (Arabic letters or Latin ones); articles of that language are searched on title,
 * keywords and body with that language's analysis and synonyms, plus a fuzzy match (one edit) on
 * titles and keywords when the question is short; when nothing matches, the other language's
 * articles are searched. Only published articles are found.
 */
@Stateless
public class KnowledgeBase {
  public static final Set<String> LANGUAGES = Set.of("en", "ar");
  static final int MAX_QUERY = 600;
  static final int SHORT_QUERY_WORDS = 4;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();

  @PersistenceContext EntityManager em;
  @Inject jakarta.enterprise.event.Event<TicketEvent> events;
  @Inject dev.helpdesk.application.internal.MetricFacts metrics;

  /** An article as the API shows it. */
  public record ArticleView(
      long id,
      String slug,
      String language,
      Category category,
      String title,
      String keywords,
      String bodyHtml,
      String bodyText,
      boolean published,
      Instant updatedAt,
      long version,
      Map<String, Long> translations) {}

  /** A search hit: enough to list it and open it. */
  public record Suggestion(
      long id,
      String slug,
      String language,
      Category category,
      String title,
      String snippet,
      float score) {}

  /** What a manager writes. */
  public record ArticleInput(
      String slug,
      String language,
      String category,
      String title,
      String keywords,
      String bodyHtml,
      Boolean published) {}

  // ---- search

  /**
   * Up to {@code limit} published articles answering {@code text}, best first.
   *
   * @param hint the language to prefer when the text has no letters to tell (page, ticket)
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public List<Suggestion> suggest(String text, String hint, int limit) {
    return suggest(Search.session(em), text, hint, limit);
  }

  /**
   * The suggestion search on a search session, whatever its backend (Lucene here, Elasticsearch or
   * OpenSearch when scaled out; {@code ElasticsearchBackendTest} runs it on OpenSearch).
   */
  static List<Suggestion> suggest(SearchSession session, String text, String hint, int limit) {
    String q = text == null ? "" : text.strip();
    if (q.length() > MAX_QUERY) {
      q = q.substring(q.length() - MAX_QUERY); // the latest words of a long conversation
    }
    if (!WORD.matcher(q).find()) {
      return List.of();
    }
    String language = languageOf(q, hint);
    List<Suggestion> hits = search(session, q, language, language, limit);
    if (hits.isEmpty()) {
      hits = search(session, q, language, other(language), limit);
    }
    return hits;
  }

  /** "ar" when the text has more Arabic letters than Latin ones, "en" when fewer, else the hint. */
  public static String languageOf(String text, String hint) {
    Letters l = Letters.of(text, text.length());
    if (l.arabic() == l.latin()) {
      return hint != null && LANGUAGES.contains(hint) ? hint : "en";
    }
    return l.arabic() > l.latin() ? "ar" : "en";
  }

  static String other(String language) {
    return "ar".equals(language) ? "en" : "ar";
  }

  private static List<Suggestion> search(
      SearchSession session, String q, String analysis, String articles, int limit) {
    String suffix = "_" + analysis;
    boolean fuzzy = WORD.matcher(q).results().count() <= SHORT_QUERY_WORDS;
    List<List<?>> rows =
        session
            .search(Article.class)
            .select(
                f ->
                    f.composite()
                        .from(
                            f.id(Long.class),
                            f.score(),
                            f.field("slug", String.class),
                            f.field("category", Category.class),
                            f.field("title" + suffix, String.class),
                            f.field("body" + suffix, String.class))
                        .asList())
            .where(
                f -> {
                  BooleanPredicateClausesStep<?> b = f.bool();
                  b.filter(f.match().field("language").matching(articles));
                  b.filter(f.match().field("published").matching(true));
                  b.must(matching(f, q, suffix, fuzzy));
                  return b;
                })
            .fetchHits(limit);
    List<Suggestion> out = new ArrayList<>();
    for (List<?> r : rows) {
      out.add(
          new Suggestion(
              (Long) r.get(0),
              (String) r.get(2),
              articles,
              (Category) r.get(3),
              (String) r.get(4),
              snippet((String) r.get(5)),
              (Float) r.get(1)));
    }
    return out;
  }

  private static BooleanPredicateClausesStep<?> matching(
      SearchPredicateFactory f, String q, String suffix, boolean fuzzy) {
    BooleanPredicateClausesStep<?> m = f.bool();
    m.should(
        f.match()
            .field("title" + suffix)
            .boost(3f)
            .field("keywords" + suffix)
            .boost(2f)
            .field("body" + suffix)
            .matching(q));
    if (fuzzy) {
      m.should(
          f.match()
              .field("title" + suffix)
              .field("keywords" + suffix)
              .matching(q)
              .fuzzy(1, 1)
              .boost(0.5f));
    }
    return m;
  }

  static String snippet(String body) {
    if (body == null) {
      return "";
    }
    String s = body.replaceAll("\\s+", " ").strip();
    return s.length() <= 160 ? s : s.substring(0, s.lastIndexOf(' ', 157) + 1).strip() + "…";
  }

  /**
   * The articles for a ticket's conversation so far (the shopper's messages, latest weighing most),
   * in the ticket's language where a translation exists.
   */
  public List<Suggestion> forTicket(Caller caller, long ticketId, int limit) {
    Ticket t = visible(caller, ticketId);
    List<String> texts =
        em.createQuery(
                "select m.text from Message m where m.ticket = :t and m.direction = :in"
                    + " and m.visibility = :pub order by m.sequence desc",
                String.class)
            .setParameter("t", t)
            .setParameter("in", Direction.INBOUND)
            .setParameter("pub", Visibility.PUBLIC)
            .setMaxResults(5)
            .getResultList();
    StringBuilder q = new StringBuilder();
    if (t.getSubject() != null) {
      q.append(t.getSubject()).append('\n');
    }
    for (int i = texts.size() - 1; i >= 0; i--) {
      q.append(texts.get(i)).append('\n');
    }
    String language =
        t.getLanguage() != null && LANGUAGES.contains(t.getLanguage()) ? t.getLanguage() : null;
    List<Suggestion> hits = suggest(q.toString(), language, limit);
    if (language == null) {
      return hits;
    }
    List<Suggestion> out = new ArrayList<>();
    for (Suggestion s : hits) {
      Article a = s.language().equals(language) ? null : translation(s.slug(), language);
      out.add(
          a == null
              ? s
              : new Suggestion(
                  a.getId(),
                  a.getSlug(),
                  a.getLanguage(),
                  a.getCategory(),
                  a.getTitle(),
                  snippet(a.getBodyText()),
                  s.score()));
    }
    return out;
  }

  /**
   * The text an agent inserts into a reply: the article in {@code language} if translated (else as
   * it is), plain text, and the event recorded.
   */
  public ArticleView insert(Caller caller, long ticketId, long articleId) {
    Ticket t = visible(caller, ticketId);
    Article a = find(articleId);
    if (t.getLanguage() != null && !t.getLanguage().equals(a.getLanguage())) {
      Article tr = translation(a.getSlug(), t.getLanguage());
      if (tr != null && tr.isPublished()) {
        a = tr;
      }
    }
    record(a.getId(), FaqEvent.Kind.INSERTED, FaqEvent.Source.AGENT, t.getId(), caller.agentId());
    return view(a);
  }

  private Article translation(String slug, String language) {
    List<Article> found =
        em.createQuery(
                "select a from Article a where a.slug = :s and a.language = :l", Article.class)
            .setParameter("s", slug)
            .setParameter("l", language)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  // ---- facts

  /**
   * "This answered my question" from a shopper: a deflection; the chat's ticket, if one was opened,
   * is solved as self-served (the activity says by which article).
   */
  public void selfServed(long articleId, Long ticketId) {
    Article a = findPublished(articleId);
    record(articleId, FaqEvent.Kind.DEFLECTED, FaqEvent.Source.SHOPPER, ticketId, null);
    if (ticketId == null) {
      return;
    }
    Ticket t = em.find(Ticket.class, ticketId);
    if (t == null || t.getStatus() == TicketStatus.SOLVED || t.getStatus() == TicketStatus.CLOSED) {
      return;
    }
    em.lock(t, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    Instant now = Instant.now();
    t.changeStatus(TicketStatus.SOLVED, now);
    metrics.solved(t, null, now);
    em.persist(
        new TicketActivity(
            t,
            null,
            TicketActivity.Type.SELF_SERVED,
            "solved by the shopper with “" + a.getTitle() + "”",
            now));
    events.fire(TicketEvent.of(TicketEvent.Type.TICKET_UPDATED, t, null));
  }

  public void record(
      long articleId, FaqEvent.Kind kind, FaqEvent.Source source, Long ticketId, Long agentId) {
    em.persist(new FaqEvent(articleId, kind, source, ticketId, agentId, Instant.now()));
  }

  /** Feedback on a published article from anyone who was shown it (else 404). */
  public void feedback(long articleId, boolean helpful, FaqEvent.Source source, Long ticketId) {
    findPublished(articleId);
    record(
        articleId,
        helpful ? FaqEvent.Kind.HELPFUL : FaqEvent.Kind.NOT_HELPFUL,
        source,
        ticketId,
        null);
  }

  /** Per article: how often it was opened, found helpful or not, self-served, used. */
  public record ArticleStats(
      long id,
      String slug,
      String language,
      String title,
      long views,
      long helpful,
      long notHelpful,
      long deflections,
      long inserted,
      long botAnswers) {}

  public List<ArticleStats> stats(Instant from, Instant to) {
    List<Object[]> rows =
        em.createQuery(
                "select e.articleId, e.kind, count(e) from FaqEvent e"
                    + " where e.occurredAt >= :from and e.occurredAt < :to"
                    + " group by e.articleId, e.kind",
                Object[].class)
            .setParameter("from", from)
            .setParameter("to", to)
            .getResultList();
    Map<Long, Map<FaqEvent.Kind, Long>> counts = new HashMap<>();
    for (Object[] r : rows) {
      counts
          .computeIfAbsent((Long) r[0], k -> new HashMap<>())
          .put((FaqEvent.Kind) r[1], (Long) r[2]);
    }
    List<ArticleStats> out = new ArrayList<>();
    // the articles' names only: their bodies are not needed here
    for (Object[] a :
        em.createQuery(
                "select a.id, a.slug, a.language, a.title from Article a"
                    + " order by a.language, a.slug",
                Object[].class)
            .getResultList()) {
      Map<FaqEvent.Kind, Long> c = counts.getOrDefault((Long) a[0], Map.of());
      out.add(
          new ArticleStats(
              (Long) a[0],
              (String) a[1],
              (String) a[2],
              (String) a[3],
              c.getOrDefault(FaqEvent.Kind.VIEWED, 0L),
              c.getOrDefault(FaqEvent.Kind.HELPFUL, 0L),
              c.getOrDefault(FaqEvent.Kind.NOT_HELPFUL, 0L),
              c.getOrDefault(FaqEvent.Kind.DEFLECTED, 0L),
              c.getOrDefault(FaqEvent.Kind.INSERTED, 0L),
              c.getOrDefault(FaqEvent.Kind.BOT_ANSWERED, 0L)));
    }
    return out;
  }

  /** An agent's "article missing" flag on a ticket. */
  public record GapView(
      long id, long ticketId, long agentId, String note, String language, Instant at) {
    static GapView of(FaqGap g) {
      return new GapView(
          g.getId(),
          g.getTicketId(),
          g.getAgentId(),
          g.getNote(),
          g.getLanguage(),
          g.getCreatedAt());
    }
  }

  public GapView flagMissing(Caller caller, long ticketId, String note) {
    Ticket t = visible(caller, ticketId);
    String n = note == null ? "" : note.strip();
    if (n.length() > 1000) {
      throw new InvalidRequestException("note", "a note holds at most 1000 characters");
    }
    if (n.isEmpty()) {
      n = t.getSubject() == null ? "(no note)" : t.getSubject();
    }
    FaqGap g =
        new FaqGap(
            t.getId(),
            caller.agentId(),
            n,
            t.getLanguage() == null ? "en" : t.getLanguage(),
            Instant.now());
    em.persist(g);
    return GapView.of(g);
  }

  public List<GapView> gaps(int limit) {
    return em
        .createQuery("select g from FaqGap g order by g.createdAt desc, g.id desc", FaqGap.class)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(GapView::of)
        .toList();
  }

  // ---- articles

  /** Articles for the editor (all) or the public page (published only), by language and title. */
  public List<ArticleView> list(String language, Category category, boolean publishedOnly) {
    StringBuilder jpql = new StringBuilder("select a from Article a where 1 = 1");
    if (language != null) {
      jpql.append(" and a.language = :l");
    }
    if (category != null) {
      jpql.append(" and a.category = :c");
    }
    if (publishedOnly) {
      jpql.append(" and a.published = true");
    }
    jpql.append(" order by a.language, a.category, a.title");
    var query = em.createQuery(jpql.toString(), Article.class);
    if (language != null) {
      query.setParameter("l", language);
    }
    if (category != null) {
      query.setParameter("c", category);
    }
    List<Article> articles = query.getResultList();
    Map<String, Map<String, Long>> bySlug = translations();
    return articles.stream().map(a -> view(a, bySlug.get(a.getSlug()))).toList();
  }

  public ArticleView get(long id, boolean publishedOnly) {
    return view(publishedOnly ? findPublished(id) : find(id));
  }

  /** A published article by slug and language (the public page), else 404. */
  public ArticleView published(String slug, String language) {
    Article a = translation(slug, language);
    if (a == null || !a.isPublished()) {
      throw new NotFoundException("article", slug + " (" + language + ")");
    }
    return view(a);
  }

  public ArticleView create(Caller caller, ArticleInput in) {
    requireEditor(caller);
    String slug = slug(in.slug(), in.title());
    String language = language(in.language());
    if (translation(slug, language) != null) {
      throw new ConflictException(
          "an article '" + slug + "' in " + language + " exists already; change that one");
    }
    Article a = new Article(slug, language, Instant.now());
    apply(a, in);
    em.persist(a);
    return view(a);
  }

  public ArticleView update(Caller caller, long id, ArticleInput in, Long expectedVersion) {
    requireEditor(caller);
    Article a = find(id);
    if (expectedVersion != null && expectedVersion != a.getVersion()) {
      throw new ConflictException(
          "the article changed since you opened it (version " + a.getVersion() + ")");
    }
    apply(a, in);
    return view(a);
  }

  public void delete(Caller caller, long id) {
    requireEditor(caller);
    em.remove(find(id));
  }

  /** Creates or replaces articles from {@link FaqText} in one language; returns how many. */
  public int importText(Caller caller, String language, String text) {
    requireEditor(caller);
    return importAs(language(language), text);
  }

  /**
   * The demo store's articles ({@code faq/articles-<language>.txt}) when the knowledge base is
   * empty; returns how many were created.
   */
  public int seedDemo() {
    if (em.createQuery("select count(a) from Article a", Long.class).getSingleResult() > 0) {
      return 0;
    }
    int n = 0;
    for (String l : new String[] {"en", "ar"}) {
      try (java.io.InputStream in =
          KnowledgeBase.class.getClassLoader().getResourceAsStream("faq/articles-" + l + ".txt")) {
        n += importAs(l, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return n;
  }

  private int importAs(String l, String text) {
    List<FaqText.Draft> drafts = FaqText.parse(text);
    // the language's articles by slug, read once (a query per draft would also flush each time)
    Map<String, Article> existing = new HashMap<>();
    for (Article a :
        em.createQuery("select a from Article a where a.language = :l", Article.class)
            .setParameter("l", l)
            .getResultList()) {
      existing.put(a.getSlug(), a);
    }
    for (FaqText.Draft d : drafts) {
      String slug = slug(d.slug(), d.title());
      Article a = existing.get(slug);
      boolean created = a == null;
      if (created) {
        a = new Article(slug, l, Instant.now());
        existing.put(slug, a);
      }
      apply(
          a,
          new ArticleInput(slug, l, d.category().name(), d.title(), d.keywords(), d.html(), true));
      if (created) {
        em.persist(a);
      }
    }
    return drafts.size();
  }

  static void apply(Article a, ArticleInput in) {
    if (in.title() == null || in.title().isBlank() || in.title().length() > 300) {
      throw new InvalidRequestException("title", "title is required (at most 300 characters)");
    }
    if (in.bodyHtml() == null || in.bodyHtml().isBlank() || in.bodyHtml().length() > 40_000) {
      throw new InvalidRequestException(
          "bodyHtml", "bodyHtml is required (at most 40,000 characters)");
    }
    String keywords = in.keywords() == null ? "" : in.keywords().strip();
    if (keywords.length() > 2000) {
      throw new InvalidRequestException("keywords", "keywords hold at most 2,000 characters");
    }
    if (in.category() == null) {
      throw new InvalidRequestException("category", "category is required");
    }
    String html = SANITIZER.sanitize(in.bodyHtml());
    String text = HtmlSanitizer.toText(html);
    if (text.isBlank()) {
      throw new InvalidRequestException("bodyHtml", "the body has no text once sanitised");
    }
    a.update(
        FaqText.category(in.category()),
        in.title().strip(),
        keywords,
        html,
        text,
        in.published() == null || in.published(),
        Instant.now());
  }

  private static String slug(String slug, String title) {
    String s = slug == null || slug.isBlank() ? title : slug;
    s =
        s == null
            ? ""
            : s.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    if (s.isEmpty() || s.length() > 120) {
      throw new InvalidRequestException("slug", "slug: 1 to 120 letters, digits and dashes");
    }
    return s;
  }

  private static String language(String language) {
    if (language == null || !LANGUAGES.contains(language)) {
      throw new InvalidRequestException(
          "language", "language must be one of " + new java.util.TreeSet<>(LANGUAGES));
    }
    return language;
  }

  private static void requireEditor(Caller caller) {
    if (!caller.has(Role.MANAGER) && !caller.has(Role.ADMIN)) {
      throw new AccessDeniedException("only managers and admins edit the knowledge base");
    }
  }

  private Ticket visible(Caller caller, long id) {
    return TicketAccess.visible(em, caller, id);
  }

  private Article findPublished(long id) {
    Article a = find(id);
    if (!a.isPublished()) {
      throw new NotFoundException("article", id);
    }
    return a;
  }

  Article find(long id) {
    Article a = em.find(Article.class, id);
    if (a == null) {
      throw new NotFoundException("article", id);
    }
    return a;
  }

  private Map<String, Map<String, Long>> translations() {
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (Object[] r :
        em.createQuery("select a.slug, a.language, a.id from Article a", Object[].class)
            .getResultList()) {
      out.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>())
          .put((String) r[1], (Long) r[2]);
    }
    return out;
  }

  private ArticleView view(Article a) {
    Map<String, Long> tr = new LinkedHashMap<>();
    for (Object[] r :
        em.createQuery("select a.language, a.id from Article a where a.slug = :s", Object[].class)
            .setParameter("s", a.getSlug())
            .getResultList()) {
      tr.put((String) r[0], (Long) r[1]);
    }
    return view(a, tr);
  }

  private static ArticleView view(Article a, Map<String, Long> translations) {
    Map<String, Long> others = new LinkedHashMap<>(translations == null ? Map.of() : translations);
    others.remove(a.getLanguage());
    return new ArticleView(
        a.getId(),
        a.getSlug(),
        a.getLanguage(),
        a.getCategory(),
        a.getTitle(),
        a.getKeywords(),
        a.getBodyHtml(),
        a.getBodyText(),
        a.isPublished(),
        a.getUpdatedAt(),
        a.getVersion(),
        others);
  }
}
