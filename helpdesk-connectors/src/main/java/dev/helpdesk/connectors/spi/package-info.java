/**
 * The channel SPI: the only types a connector and the core exchange. {@link
 * dev.helpdesk.connectors.spi.InboundMessage} is what every channel hands to the ingest service;
 * {@link dev.helpdesk.connectors.spi.OutboundMessage} is what the outbound dispatcher hands back to
 * a connector. Plain Java: no JPA, no EJB, no CDI.
 */
package dev.helpdesk.connectors.spi;
