/** The Messenger channel: its connector, on Meta's messaging format ({@code .social}). */
package dev.helpdesk.connectors.messenger;
