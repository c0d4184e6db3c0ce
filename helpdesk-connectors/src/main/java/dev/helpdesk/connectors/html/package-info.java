/** HTML shared by every channel: sanitising what shoppers send, deriving plain text from it. */
package dev.helpdesk.connectors.html;
