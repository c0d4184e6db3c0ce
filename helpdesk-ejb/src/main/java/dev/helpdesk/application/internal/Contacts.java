package dev.helpdesk.application.internal;

import dev.helpdesk.connectors.spi.SenderIdentity;
import dev.helpdesk.domain.model.contact.Contact;
import dev.helpdesk.domain.model.contact.ContactIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Creates contacts on first contact (MessageIngestion finds existing ones in its look-up). */
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
}
