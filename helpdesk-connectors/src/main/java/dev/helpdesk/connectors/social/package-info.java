/**
 * What the social channels share: a webhook's parsed content ({@link
 * dev.helpdesk.connectors.social.WebhookBatch}), signatures ({@link
 * dev.helpdesk.connectors.social.Hmac}), the JSON-over-HTTPS client their send APIs take ({@link
 * dev.helpdesk.connectors.social.JsonHttp}), and Meta's messaging format, which Messenger and
 * Instagram both speak ({@link dev.helpdesk.connectors.social.MetaMessaging}). Each network has its
 * own package beside this one ({@code .whatsapp}, {@code .messenger}, {@code .instagram}, {@code
 * .telegram}).
 */
package dev.helpdesk.connectors.social;
