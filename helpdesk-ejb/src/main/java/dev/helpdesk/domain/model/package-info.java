/**
 * The domain: JPA entities and the rules that belong to them (ticket status changes, message
 * sequence numbers, who may see a ticket). Depends on nothing but JPA, Hibernate Search annotations
 * and the connector SPI's value types.
 */
package dev.helpdesk.domain.model;
