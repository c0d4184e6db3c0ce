/**
 * Container plumbing the application services stand on: schema migrations at start-up
 * (persistence), JMS senders and listeners (messaging), search analysis (search), demo data. Calls
 * application services; nothing in domain or application depends on it except through CDI.
 */
package dev.helpdesk.infrastructure;
