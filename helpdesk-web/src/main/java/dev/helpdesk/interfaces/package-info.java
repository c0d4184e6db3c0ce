/**
 * The ways in: JAX-RS resources under {@code /api} (rest), the authentication mechanism and the
 * request filters that guard them (security), later WebSocket endpoints under {@code /ws}. Thin:
 * validate, translate, delegate to an application service. No EntityManager here.
 */
package dev.helpdesk.interfaces;
