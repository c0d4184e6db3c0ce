/**
 * The Telegram channel (Bot API): {@link dev.helpdesk.connectors.telegram.TelegramWebhook} reads
 * the updates Telegram posts to the bot's webhook, {@link
 * dev.helpdesk.connectors.telegram.TelegramConnector} sends replies.
 */
package dev.helpdesk.connectors.telegram;
