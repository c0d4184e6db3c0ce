package dev.helpdesk.application;

import dev.helpdesk.application.Views.ContactDetails;
import dev.helpdesk.application.Views.ContactView;
import dev.helpdesk.domain.model.contact.Contact;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

/** Finding shoppers and their history. */
@Stateless
public class ContactService {
  @PersistenceContext EntityManager em;
  @Inject TicketService tickets;

  /** Contacts whose name contains, or one of whose identities starts with, the query. */
  public List<ContactView> search(String query, int limit) {
    if (query == null || query.strip().length() < 2) {
      throw new InvalidRequestException("q", "a search needs at least 2 characters");
    }
    String q = query.strip().toLowerCase(Locale.ROOT);
    List<Long> ids =
        em.createQuery(
                "select distinct c.id from Contact c left join c.identities i"
                    + " where lower(c.name) like :contains or i.value like :prefix order by c.id desc",
                Long.class)
            .setParameter("contains", "%" + escape(q) + "%")
            .setParameter("prefix", escape(q) + "%")
            .setMaxResults(Math.min(Math.max(limit, 1), 100))
            .getResultList();
    if (ids.isEmpty()) {
      return List.of();
    }
    return em
        .createQuery(
            "select distinct c from Contact c left join fetch c.identities where c.id in :ids order by c.id desc",
            Contact.class)
        .setParameter("ids", ids)
        .getResultList()
        .stream()
        .map(ContactView::of)
        .toList();
  }

  /** A contact with the tickets the caller may see, newest first. */
  public ContactDetails get(Caller caller, long id) {
    Contact c = em.find(Contact.class, id);
    if (c == null) {
      throw new NotFoundException("contact", id);
    }
    var page =
        tickets.list(
            caller, new TicketFilter(null, null, null, null, null, null, id, null), null, 100);
    return new ContactDetails(ContactView.of(c), page.items());
  }

  /** Marks or unmarks a VIP (routing rules may look at it); managers and admins. */
  public ContactView setVip(Caller caller, long id, boolean vip) {
    if (!caller.has(dev.helpdesk.domain.model.agent.Role.MANAGER)
        && !caller.has(dev.helpdesk.domain.model.agent.Role.ADMIN)) {
      throw new AccessDeniedException("marking VIPs is for managers and admins");
    }
    Contact c = em.find(Contact.class, id);
    if (c == null) {
      throw new NotFoundException("contact", id);
    }
    c.setVip(vip);
    return ContactView.of(c);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
