package dev.helpdesk.application;

import dev.helpdesk.domain.model.ticket.CannedResponse;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;

/** Saved answers for the reply composer; managers and admins keep them, agents use them. */
@Stateless
public class CannedResponses {
  static final Set<String> LANGUAGES = Set.of("en", "ar");

  @PersistenceContext EntityManager em;

  public record CannedView(long id, String title, String body, String language) {
    static CannedView of(CannedResponse c) {
      return new CannedView(c.getId(), c.getTitle(), c.getBody(), c.getLanguage());
    }
  }

  /** All of them, by language then title. */
  public List<CannedView> list() {
    return em
        .createQuery(
            "select c from CannedResponse c order by c.language, c.title", CannedResponse.class)
        .getResultList()
        .stream()
        .map(CannedView::of)
        .toList();
  }

  public CannedView create(String title, String body, String language) {
    CannedResponse c = new CannedResponse(title, body, language);
    validate(title, body, language);
    em.persist(c);
    return CannedView.of(c);
  }

  public CannedView update(long id, String title, String body, String language) {
    validate(title, body, language);
    CannedResponse c = find(id);
    c.setTitle(title);
    c.setBody(body);
    c.setLanguage(language);
    return CannedView.of(c);
  }

  public void delete(long id) {
    em.remove(find(id));
  }

  private CannedResponse find(long id) {
    CannedResponse c = em.find(CannedResponse.class, id);
    if (c == null) {
      throw new NotFoundException("canned response", id);
    }
    return c;
  }

  private static void validate(String title, String body, String language) {
    if (title == null || title.isBlank() || title.length() > 200) {
      throw new InvalidRequestException("title", "title is required (at most 200 characters)");
    }
    if (body == null || body.isBlank() || body.length() > 8000) {
      throw new InvalidRequestException("body", "body is required (at most 8000 characters)");
    }
    if (language == null || !LANGUAGES.contains(language)) {
      throw new InvalidRequestException(
          "language", "language must be one of " + new java.util.TreeSet<>(LANGUAGES));
    }
  }
}
