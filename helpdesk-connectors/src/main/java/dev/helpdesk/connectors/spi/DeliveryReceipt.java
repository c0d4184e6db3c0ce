package dev.helpdesk.connectors.spi;

/** What a channel answered to a successful send: its id for the message. */
public record DeliveryReceipt(String externalId) {}
