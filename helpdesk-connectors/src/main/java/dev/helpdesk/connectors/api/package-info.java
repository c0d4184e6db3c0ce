/**
 * The API channel: an integrating system (a store backend, a form) posts channel-neutral JSON
 * messages to {@code POST /api/v1/inbound}; replies are POSTed back to the channel account's {@code
 * callbackUrl} when one is configured, otherwise delivery is just recorded.
 */
package dev.helpdesk.connectors.api;
