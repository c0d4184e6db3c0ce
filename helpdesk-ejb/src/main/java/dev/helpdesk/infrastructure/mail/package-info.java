/**
 * The e-mail channel's container parts: the timer polling each mailbox ({@link
 * dev.helpdesk.infrastructure.mail.MailboxPoller}), the SMTP connector built on the server's mail
 * session ({@link dev.helpdesk.infrastructure.mail.EmailConnectorProducer}), the mailbox from the
 * environment ({@link dev.helpdesk.infrastructure.mail.MailboxFromEnvironment}) and the local test
 * mailbox of the dev run ({@link dev.helpdesk.infrastructure.mail.DevMailbox}).
 */
package dev.helpdesk.infrastructure.mail;
