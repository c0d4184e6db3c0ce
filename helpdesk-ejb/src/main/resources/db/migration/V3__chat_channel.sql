-- The live-chat channel: one row per conversation a shopper opens in a checkout widget.
-- The conversation's messages are its ticket's public messages (message.seq is the sequence the
-- widget resumes from); this row keeps what the ticket does not: the visitor, the identity the
-- shopper gave, the cart context, read positions and whether the shopper is connected.

create table chat_conversation (
  id varchar(36) primary key,
  widget_account_id bigint not null references channel_account (id),
  visitor_id varchar(64) not null,
  ticket_id bigint references ticket (id),
  shopper_name varchar(200),
  shopper_email varchar(320),
  identity_verified boolean default false not null,
  topic varchar(60),
  language varchar(10),
  context varchar(4000),
  shopper_read_seq integer default 0 not null,
  agent_read_seq integer default 0 not null,
  online_until timestamp(6) with time zone,
  created_at timestamp(6) with time zone not null,
  updated_at timestamp(6) with time zone not null,
  version bigint default 0 not null
);
create index ix_chat_conversation_visitor on chat_conversation (widget_account_id, visitor_id, created_at);
create index ix_chat_conversation_ticket on chat_conversation (ticket_id);
