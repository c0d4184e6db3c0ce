-- The agent inbox: the staff event journal a reconnecting tab resumes from, which agents have a
-- workspace open on which node (presence), canned responses, and each agent's UI language.

-- Every ticket event, numbered from a sequence when its unit of work ends and written in the same
-- transaction. Numbers are taken just before commit, so they are in commit order but for
-- transactions committing within moments of each other; a reader meeting a missing number waits a
-- few seconds for it (see StaffSessions). Kept a day (Housekeeping prunes it).
create sequence staff_event_seq start with 1 increment by 1;

create table staff_event (
  seq bigint primary key,
  occurred_at timestamp(6) with time zone not null,
  ticket_id bigint not null,
  team_id bigint,
  assignee_id bigint,
  payload varchar(8000) not null
);
create index ix_staff_event_at on staff_event (occurred_at);

-- Open staff sockets per agent and node, rewritten by each node every 20 s; a row not refreshed for
-- a minute belongs to a node that is gone.
create table agent_connection (
  agent_id bigint not null references agent (id),
  node varchar(100) not null,
  sockets integer not null,
  seen_at timestamp(6) with time zone not null,
  primary key (agent_id, node)
);

create table canned_response (
  id bigint primary key,
  title varchar(200) not null,
  body varchar(8000) not null,
  language varchar(10) not null,
  created_at timestamp(6) with time zone not null,
  version bigint not null default 0
);
create sequence canned_response_seq start with 1 increment by 50;
create index ix_canned_response_language on canned_response (language, title);

alter table agent add column ui_language varchar(10) default 'en' not null;

-- the inbox's "waiting longest" sort
create index ix_ticket_waiting on ticket (waiting_since, id);
