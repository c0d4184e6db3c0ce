-- The operations metrics count replies still queued or failed (helpdesk_outbound_messages);
-- without an index that count would read every message.
create index ix_message_delivery_status on message (delivery_status);
