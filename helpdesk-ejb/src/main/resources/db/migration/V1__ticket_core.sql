-- The ticket core. Portable SQL for H2 2.x and PostgreSQL 13+.
-- Sequences step by the JPA allocation size (pooled ids, few round trips).

create sequence team_seq start with 1 increment by 10;
create sequence agent_seq start with 1 increment by 10;
create sequence api_token_seq start with 1 increment by 10;
create sequence channel_account_seq start with 1 increment by 10;
create sequence contact_seq start with 1 increment by 50;
create sequence contact_identity_seq start with 1 increment by 50;
create sequence ticket_seq start with 1001 increment by 50;
create sequence message_seq start with 1 increment by 50;
create sequence attachment_seq start with 1 increment by 50;
create sequence message_attachment_seq start with 1 increment by 50;
create sequence thread_key_seq start with 1 increment by 50;
create sequence ticket_activity_seq start with 1 increment by 50;

create table team (
  id bigint primary key,
  name varchar(200) not null,
  description varchar(1000),
  version bigint not null default 0,
  constraint uk_team_name unique (name)
);

create table agent (
  id bigint primary key,
  login varchar(100) not null,
  display_name varchar(200) not null,
  email varchar(320),
  password_hash varchar(300),
  roles varchar(200) not null,
  languages varchar(200),
  skills varchar(500),
  capacity integer not null default 10,
  availability varchar(20) not null default 'OFFLINE',
  active boolean not null default true,
  created_at timestamp(6) with time zone not null,
  version bigint not null default 0,
  constraint uk_agent_login unique (login)
);

create table agent_team (
  agent_id bigint not null references agent (id),
  team_id bigint not null references team (id),
  primary key (agent_id, team_id)
);
create index ix_agent_team_team on agent_team (team_id);

create table api_token (
  id bigint primary key,
  agent_id bigint not null references agent (id),
  name varchar(200) not null,
  token_hash varchar(100) not null,
  created_at timestamp(6) with time zone not null,
  last_used_at timestamp(6) with time zone,
  revoked_at timestamp(6) with time zone,
  constraint uk_api_token_hash unique (token_hash)
);
create index ix_api_token_agent on api_token (agent_id);

create table channel_account (
  id bigint primary key,
  channel varchar(20) not null,
  address varchar(320) not null,
  name varchar(200) not null,
  settings varchar(20000),
  active boolean not null default true,
  version bigint not null default 0,
  constraint uk_channel_account unique (channel, address)
);

create table contact (
  id bigint primary key,
  name varchar(300),
  preferred_language varchar(10),
  created_at timestamp(6) with time zone not null,
  version bigint not null default 0
);

create table contact_identity (
  id bigint primary key,
  contact_id bigint not null references contact (id),
  kind varchar(20) not null,
  identity_value varchar(320) not null,
  constraint uk_contact_identity unique (kind, identity_value)
);
create index ix_contact_identity_contact on contact_identity (contact_id);

create table ticket (
  id bigint primary key,
  subject varchar(1000),
  status varchar(20) not null,
  priority varchar(20) not null,
  topic varchar(50),
  language varchar(10),
  team_id bigint references team (id),
  assignee_id bigint references agent (id),
  contact_id bigint not null references contact (id),
  channel varchar(20) not null,
  channel_account_id bigint references channel_account (id),
  order_ref varchar(100),
  cart_ref varchar(100),
  created_at timestamp(6) with time zone not null,
  updated_at timestamp(6) with time zone not null,
  last_message_at timestamp(6) with time zone not null,
  waiting_since timestamp(6) with time zone,
  first_response_at timestamp(6) with time zone,
  solved_at timestamp(6) with time zone,
  message_count integer not null default 0,
  preview varchar(300),
  merged_into_id bigint references ticket (id),
  follow_up_of_id bigint references ticket (id),
  version bigint not null default 0
);
-- the inbox: newest activity first, keyset-paged, narrowed by the usual filters
create index ix_ticket_activity_order on ticket (last_message_at desc, id desc);
create index ix_ticket_status on ticket (status, last_message_at desc, id desc);
create index ix_ticket_team on ticket (team_id, last_message_at desc, id desc);
create index ix_ticket_assignee on ticket (assignee_id, last_message_at desc, id desc);
create index ix_ticket_contact on ticket (contact_id);

create table ticket_tag (
  ticket_id bigint not null references ticket (id),
  tag varchar(100) not null,
  primary key (ticket_id, tag)
);
create index ix_ticket_tag_tag on ticket_tag (tag);

create table message (
  id bigint primary key,
  ticket_id bigint not null references ticket (id),
  seq integer not null,
  direction varchar(20) not null,
  visibility varchar(20) not null,
  channel varchar(20) not null,
  external_id varchar(300),
  author_agent_id bigint references agent (id),
  author_contact_id bigint references contact (id),
  subject varchar(1000),
  body_text varchar not null,
  body_html varchar,
  sent_at timestamp(6) with time zone,
  created_at timestamp(6) with time zone not null,
  delivery_status varchar(20) not null,
  delivery_attempts integer not null default 0,
  delivery_error varchar(1000),
  metadata varchar(10000),
  constraint uk_message_channel_external unique (channel, external_id),
  constraint uk_message_ticket_seq unique (ticket_id, seq)
);

create table attachment (
  id bigint primary key,
  sha256 varchar(64) not null,
  size_bytes bigint not null,
  data bytea not null,
  constraint uk_attachment_sha256 unique (sha256)
);

create table message_attachment (
  id bigint primary key,
  message_id bigint not null references message (id),
  attachment_id bigint not null references attachment (id),
  filename varchar(500) not null,
  content_type varchar(200) not null,
  content_id varchar(300)
);
create index ix_message_attachment_message on message_attachment (message_id);

create table thread_key (
  id bigint primary key,
  channel varchar(20) not null,
  key_value varchar(300) not null,
  ticket_id bigint not null references ticket (id),
  -- key first: lookups are "key_value in (...) and channel = ?" (H2 uses only a leading column for IN)
  constraint uk_thread_key unique (key_value, channel)
);
create index ix_thread_key_ticket on thread_key (ticket_id);

create table ticket_activity (
  id bigint primary key,
  ticket_id bigint not null references ticket (id),
  occurred_at timestamp(6) with time zone not null,
  actor_agent_id bigint references agent (id),
  activity_type varchar(30) not null,
  detail varchar(2000)
);
create index ix_ticket_activity_ticket on ticket_activity (ticket_id, occurred_at);
