package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.KnowledgeBase;
import dev.helpdesk.application.KnowledgeBase.ArticleInput;
import dev.helpdesk.application.KnowledgeBase.ArticleStats;
import dev.helpdesk.application.KnowledgeBase.ArticleView;
import dev.helpdesk.application.KnowledgeBase.GapView;
import dev.helpdesk.application.KnowledgeBase.Suggestion;
import dev.helpdesk.domain.model.faq.Category;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The knowledge base for staff: articles (managers and admins write), search, suggestions for a
 * ticket, insert into a reply, "article missing" flags, statistics. The public FAQ is {@link
 * PublicFaqResource}.
 */
@Path("/v1/faq")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FaqResource {
  static final int MAX_LIMIT = 20;

  @Inject KnowledgeBase kb;
  @Inject CurrentCaller caller;

  /** An article as written; {@code version} (optional on update) guards against lost edits. */
  public record ArticleRequest(
      String slug,
      String language,
      String category,
      String title,
      String keywords,
      String bodyHtml,
      Boolean published,
      Long version) {
    ArticleInput input() {
      return new ArticleInput(slug, language, category, title, keywords, bodyHtml, published);
    }
  }

  public record MissingRequest(String note) {}

  @GET
  @Path("/articles")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<ArticleView> list(
      @QueryParam("language") String language, @QueryParam("category") String category) {
    return kb.list(language(language, false), category(category), false);
  }

  @GET
  @Path("/articles/{id}")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public ArticleView get(@PathParam("id") long id) {
    return kb.get(id, false);
  }

  @POST
  @Path("/articles")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Response create(ArticleRequest r) {
    TicketResource.require(r);
    return Response.status(201).entity(kb.create(caller.get(), r.input())).build();
  }

  @PUT
  @Path("/articles/{id}")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public ArticleView update(@PathParam("id") long id, ArticleRequest r) {
    TicketResource.require(r);
    return kb.update(caller.get(), id, r.input(), r.version());
  }

  @DELETE
  @Path("/articles/{id}")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Response delete(@PathParam("id") long id) {
    kb.delete(caller.get(), id);
    return Response.noContent().build();
  }

  /** Articles in the plain-text format of {@code FaqText}, created or replaced by slug. */
  @POST
  @Path("/import")
  @Consumes(MediaType.TEXT_PLAIN)
  @RolesAllowed({"MANAGER", "ADMIN"})
  public Map<String, Integer> importText(@QueryParam("language") String language, String text) {
    if (text == null || text.isBlank()) {
      throw new BadParameterException("text", "the body holds the articles to import");
    }
    return Map.of("imported", kb.importText(caller.get(), language(language, true), text));
  }

  @GET
  @Path("/suggest")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<Suggestion> suggest(
      @QueryParam("q") String q,
      @QueryParam("language") String language,
      @QueryParam("limit") Integer limit) {
    return kb.suggest(query(q), language(language, false), limit(limit, 3));
  }

  /** The articles for a ticket's conversation so far, in the ticket's language where translated. */
  @GET
  @Path("/tickets/{id}")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public List<Suggestion> forTicket(@PathParam("id") long id, @QueryParam("limit") Integer limit) {
    return kb.forTicket(caller.get(), id, limit(limit, 3));
  }

  /** The article (in the ticket's language where translated) to insert into a reply. */
  @POST
  @Path("/tickets/{id}/insert/{article}")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public ArticleView insert(@PathParam("id") long id, @PathParam("article") long article) {
    return kb.insert(caller.get(), id, article);
  }

  @POST
  @Path("/tickets/{id}/missing")
  @RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
  public Response missing(@PathParam("id") long id, MissingRequest r) {
    return Response.status(201)
        .entity(kb.flagMissing(caller.get(), id, r == null ? null : r.note()))
        .build();
  }

  @GET
  @Path("/gaps")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<GapView> gaps() {
    return kb.gaps(200);
  }

  /** Per article, over [from, to) (ISO instants; default the last 30 days). */
  @GET
  @Path("/stats")
  @RolesAllowed({"MANAGER", "ADMIN"})
  public List<ArticleStats> stats(@QueryParam("from") String from, @QueryParam("to") String to) {
    Instant t = instant("to", to, Instant.now().plusSeconds(1));
    Instant f = instant("from", from, t.minus(Duration.ofDays(30)));
    return kb.stats(f, t);
  }

  static Instant instant(String name, String value, Instant otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameterException(
          name, name + " must be an ISO instant such as 2026-11-01T00:00:00Z");
    }
  }

  static String query(String q) {
    if (q == null || q.isBlank()) {
      throw new BadParameterException("q", "q (the question) is required");
    }
    if (q.length() > 1000) {
      throw new BadParameterException("q", "q holds at most 1000 characters");
    }
    return q;
  }

  static int limit(Integer limit, int otherwise) {
    if (limit == null) {
      return otherwise;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadParameterException("limit", "limit must be 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  static String language(String language, boolean required) {
    if (language == null || language.isBlank()) {
      if (required) {
        throw new BadParameterException("language", "language is required: en or ar");
      }
      return null;
    }
    String l = language.toLowerCase(Locale.ROOT);
    if (!KnowledgeBase.LANGUAGES.contains(l)) {
      throw new BadParameterException("language", "language must be en or ar");
    }
    return l;
  }

  static Category category(String category) {
    if (category == null || category.isBlank()) {
      return null;
    }
    try {
      return Category.valueOf(category.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(
          "category", "category must be one of " + java.util.Arrays.toString(Category.values()));
    }
  }
}
