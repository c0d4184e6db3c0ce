/**
 * The WhatsApp channel (WhatsApp Business Cloud API): {@link
 * dev.helpdesk.connectors.whatsapp.WhatsAppWebhook} reads its webhooks, {@link
 * dev.helpdesk.connectors.whatsapp.WhatsAppConnector} sends replies.
 */
package dev.helpdesk.connectors.whatsapp;
