/** Plain-text helpers shared by the channels and the application: which script a text is in. */
package dev.helpdesk.connectors.text;
