package dev.helpdesk.application;

/** What ingesting one message did: the ticket and message, and whether either is new. */
public record IngestResult(
    long ticketId, long messageId, boolean ticketCreated, boolean duplicate) {}
