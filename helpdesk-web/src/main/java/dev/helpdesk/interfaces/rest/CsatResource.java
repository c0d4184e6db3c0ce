package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.Surveys;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The satisfaction survey a shopper opens from the link in an e-mail or a social message ({@code
 * /csat.html?t=…&score=…} is its page). No login: the survey's random token is the key; it only
 * reads and answers that one survey.
 */
@Path("/v1/public/csat/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CsatResource {
  @Inject Surveys surveys;

  public record Answer(Integer score, String comment) {}

  @GET
  @PermitAll
  public Surveys.SurveyView get(@PathParam("token") String token) {
    return surveys.view(token);
  }

  /** {@code {"score":5,"comment":"…"}}: 400 for a score outside 1-5, 409 when closed. */
  @POST
  @PermitAll
  public Surveys.SurveyView answer(@PathParam("token") String token, Answer body) {
    TicketResource.require(body);
    return surveys.answer(token, body.score(), body.comment());
  }
}
