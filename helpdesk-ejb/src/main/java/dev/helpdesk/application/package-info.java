/**
 * Application services: the transaction and security boundary. Each public method is one use case
 * (ingest a message, reply, assign, list tickets…), takes the acting {@link
 * dev.helpdesk.application.Caller} where visibility matters, and returns views (records), never
 * managed entities. Implementation helpers live in {@code .internal}.
 */
package dev.helpdesk.application;
