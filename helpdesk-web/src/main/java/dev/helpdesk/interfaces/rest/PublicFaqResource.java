package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.KnowledgeBase;
import dev.helpdesk.application.KnowledgeBase.ArticleView;
import dev.helpdesk.domain.model.faq.FaqEvent;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The public FAQ a store links near its checkout ({@code /faq/} is its page): published articles
 * only, no login. Search with {@code q}; an article by its slug in a language.
 */
@Path("/v1/public/faq")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PublicFaqResource {
  @Inject KnowledgeBase kb;

  public record PublicArticle(
      long id, String slug, String language, String category, String title, String bodyHtml) {
    static PublicArticle of(ArticleView a) {
      return new PublicArticle(
          a.id(), a.slug(), a.language(), a.category().name(), a.title(), a.bodyHtml());
    }
  }

  public record FeedbackRequest(Boolean helpful) {}

  /** Search results when {@code q} is given, else every published article of the language. */
  @GET
  @PermitAll
  public Response list(
      @QueryParam("language") String language,
      @QueryParam("q") String q,
      @QueryParam("category") String category) {
    String l = FaqResource.language(language, false);
    if (q != null && !q.isBlank()) {
      return Response.ok(kb.suggest(FaqResource.query(q), l, 10)).build();
    }
    List<PublicArticle> all =
        kb.list(l == null ? "en" : l, FaqResource.category(category), true).stream()
            .map(PublicArticle::of)
            .toList();
    return Response.ok(all).build();
  }

  @GET
  @Path("/{slug}")
  @PermitAll
  public PublicArticle article(
      @PathParam("slug") String slug, @QueryParam("language") String language) {
    String l = FaqResource.language(language, false);
    ArticleView a = kb.published(slug, l == null ? "en" : l);
    kb.record(a.id(), FaqEvent.Kind.VIEWED, FaqEvent.Source.PUBLIC, null, null);
    return PublicArticle.of(a);
  }

  @POST
  @Path("/{id: [0-9]+}/feedback")
  @PermitAll
  public Response feedback(@PathParam("id") long id, FeedbackRequest r) {
    if (r == null || r.helpful() == null) {
      throw new BadParameterException("helpful", "helpful (true or false) is required");
    }
    kb.feedback(id, r.helpful(), FaqEvent.Source.PUBLIC, null);
    return Response.noContent().build();
  }
}
