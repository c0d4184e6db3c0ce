package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.contact.ContactIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Finds the contact behind a sender identity, or creates it on first contact. */
@ApplicationScoped
public class Contacts {
  @PersistenceContext EntityManager em;

  /** A new contact with this one identity; the unique identity constraint settles races. */
  public Contact create(SenderIdentity sender, String language) {
    Contact c = new Contact(sender.displayName());
    c.setPreferredLanguage(language);
    em.persist(c);
    ContactIdentity identity = new ContactIdentity(c, sender.kind(), sender.value());
    c.getIdentities().add(identity);
    em.persist(identity);
    return c;
  }

  public Contact findOrCreate(SenderIdentity sender, String language) {
    List<Contact> found =
        em.createQuery(
                "select i.contact from ContactIdentity i where i.kind = :k and i.value = :v",
                Contact.class)
            .setParameter("k", sender.kind())
            .setParameter("v", sender.value())
            .getResultList();
    if (!found.isEmpty()) {
      Contact c = found.get(0);
      if (c.getName() == null && sender.displayName() != null) {
        c.setName(sender.displayName());
      }
      return c;
    }
    return create(sender, language);
  }
}
