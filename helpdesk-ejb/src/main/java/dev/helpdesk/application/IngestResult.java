package dev.helpdesk.application;

/**
 * What ingesting one message did: the ticket and message, and whether either is new.
 *
 * @param sequence the message's sequence on its ticket; 0 for a duplicate (look it up)
 */
public record IngestResult(
    long ticketId, long messageId, boolean ticketCreated, boolean duplicate, int sequence) {}
