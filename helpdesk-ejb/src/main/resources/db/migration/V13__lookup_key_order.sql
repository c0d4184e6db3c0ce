-- The ingest looks a batch up by its messages' external ids (channel = ? and external_id in (…))
-- and its senders' identity values (identity_value in (…), any kind). With the unique keys led by
-- channel and kind, H2 used only their first column: every ingest scanned all of the channel's
-- messages (for a batch of several) and all contact identities (always), a cost that grew with the
-- database (found in session 9's chat profile: a quarter of a chat message's ingest). Led by the
-- value, the same unique keys answer both lookups on H2 and PostgreSQL.
alter table message drop constraint uk_message_channel_external;
alter table message add constraint uk_message_channel_external unique (external_id, channel);
alter table contact_identity drop constraint uk_contact_identity;
alter table contact_identity add constraint uk_contact_identity unique (identity_value, kind);
