package dev.helpdesk.domain.model.faq;

/** What a knowledge-base article is about (also the topics routing classifies questions into). */
public enum Category {
  CHECKOUT,
  PAYMENT,
  SHIPPING,
  ORDER_STATUS,
  RETURNS,
  COUPONS,
  ACCOUNT
}
