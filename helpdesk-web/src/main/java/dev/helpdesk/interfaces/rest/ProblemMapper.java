package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.AccessDeniedException;
import dev.helpdesk.application.ConflictException;
import dev.helpdesk.application.InvalidRequestException;
import dev.helpdesk.application.NotFoundException;
import dev.helpdesk.connectors.spi.InvalidPayloadException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into an RFC 9457 problem with the precise status; a client never sees a
 * stack trace. 4xx are logged as one line with the reason; 5xx with an incident id the response
 * also carries.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Throwable thrown) {
    Throwable e = unwrap(thrown);
    int status;
    String detail = e.getMessage();
    String field = null;
    if (e instanceof InvalidPayloadException p) {
      status = p.isMalformed() ? 400 : 422;
    } else if (e instanceof InvalidRequestException i) {
      status = 422;
      field = i.getField();
    } else if (e instanceof BadParameterException b) {
      status = 400;
      field = b.getParameter();
    } else if (e instanceof NotFoundException) {
      status = 404;
    } else if (e instanceof AccessDeniedException) {
      status = 403;
    } else if (e instanceof ConflictException) {
      status = 409;
    } else if (e instanceof OptimisticLockException
        || e instanceof org.hibernate.StaleStateException) {
      status = 409;
      detail = "the ticket was changed by someone else meanwhile; reload and try again";
    } else if (e instanceof JsonbException
        || e instanceof jakarta.json.JsonException
        || e instanceof ProcessingException) {
      status = 400;
      detail = "malformed JSON: " + firstLine(rootMessage(e));
    } else if (e instanceof WebApplicationException w) {
      status = w.getResponse().getStatus();
      detail =
          switch (status) {
            case 404 -> "no such resource: " + path();
            case 405 -> request.getMethod() + " is not allowed on " + path();
            case 415 ->
                "unsupported Content-Type " + request.getContentType() + "; send application/json";
            case 406 -> "this resource produces application/json";
            default -> e.getMessage();
          };
    } else {
      String incident = UUID.randomUUID().toString();
      LOG.log(
          Level.SEVERE,
          "incident " + incident + " on " + request.getMethod() + " " + path(),
          thrown);
      return Problems.response(
          500, "unexpected error; incident " + incident + " is logged", path(), null);
    }
    LOG.info(status + " " + request.getMethod() + " " + path() + ": " + detail);
    return Problems.response(status, detail, path(), field);
  }

  private String path() {
    return request.getRequestURI();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof EJBException
            || e instanceof jakarta.ejb.EJBTransactionRolledbackException
            || (e instanceof ProcessingException && e.getCause() instanceof JsonbException)
            || (e instanceof jakarta.persistence.PersistenceException
                && e.getCause() instanceof org.hibernate.StaleStateException))
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
