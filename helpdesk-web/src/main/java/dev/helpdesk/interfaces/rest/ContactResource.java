package dev.helpdesk.interfaces.rest;

import dev.helpdesk.application.ContactService;
import dev.helpdesk.application.Views.ContactDetails;
import dev.helpdesk.application.Views.ContactView;
import dev.helpdesk.interfaces.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Shoppers: search by name, e-mail, phone or social id; one contact with their tickets. */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"AGENT", "MANAGER", "ADMIN"})
public class ContactResource {
  @Inject ContactService contacts;
  @Inject CurrentCaller caller;

  @GET
  public List<ContactView> search(
      @QueryParam("q") String q, @QueryParam("limit") @DefaultValue("20") int limit) {
    return contacts.search(q, limit);
  }

  @GET
  @Path("/{id}")
  public ContactDetails get(@PathParam("id") long id) {
    return contacts.get(caller.get(), id);
  }

  public record VipRequest(Boolean vip) {}

  /** {"vip": true}: routing rules may treat this shopper first (managers and admins). */
  @PUT
  @Path("/{id}/vip")
  @Consumes(MediaType.APPLICATION_JSON)
  public ContactView vip(@PathParam("id") long id, VipRequest body) {
    if (body == null || body.vip() == null) {
      throw new dev.helpdesk.application.InvalidRequestException("vip", "vip is true or false");
    }
    return contacts.setVip(caller.get(), id, body.vip());
  }
}
