package dev.helpdesk.domain.model.routing;

import dev.helpdesk.domain.model.faq.Category;

/** What a ticket is about: the knowledge base's categories, and OTHER for none of them. */
public enum Topic {
  CHECKOUT,
  PAYMENT,
  SHIPPING,
  ORDER_STATUS,
  RETURNS,
  COUPONS,
  ACCOUNT,
  OTHER;

  public static Topic of(Category c) {
    return valueOf(c.name());
  }

  /** The topic of a name (any case), or null when it is none. */
  public static Topic parse(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
