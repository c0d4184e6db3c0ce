/**
 * The e-mail channel's wire formats and protocols, without a container: {@link
 * dev.helpdesk.connectors.email.EmailParser} (RFC 822/MIME bytes to an {@code InboundMessage}),
 * {@link dev.helpdesk.connectors.email.QuoteTrimmer} (quoted history and signatures), {@link
 * dev.helpdesk.connectors.email.ImapMailbox} (new mails of a folder by UID), {@link
 * dev.helpdesk.connectors.email.EmailComposer} and {@link
 * dev.helpdesk.connectors.email.EmailConnector} (replies over SMTP). The mailbox poller and the
 * mail session are container parts in helpdesk-ejb.
 */
package dev.helpdesk.connectors.email;
