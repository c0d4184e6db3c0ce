/**
 * Routing: what a ticket is about ({@link dev.helpdesk.domain.model.routing.Topic}), the admins'
 * rules and how they are evaluated ({@link dev.helpdesk.domain.model.routing.RuleEngine}, pure
 * code), teams' calendars ({@link dev.helpdesk.domain.model.routing.BusinessHours}) and the order
 * in which agents are offered a ticket ({@link dev.helpdesk.domain.model.routing.Candidates}). The
 * services that run them on the ticket event are {@code application.Router} and {@code
 * application.Assignment}.
 */
package dev.helpdesk.domain.model.routing;
