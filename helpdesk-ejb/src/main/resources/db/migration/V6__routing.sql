-- Routing and assignment: each ticket's topic (with its confidence and who set it) and when routing
-- ran on it; the admins' rules; agents' topic corrections, kept as examples classification learns
-- from; per team an assignment strategy, a re-assignment delay and a business-hours calendar; per
-- agent a chat capacity (tickets have one already) and when they were last given a ticket
-- (round-robin's order); per contact the VIP flag.
alter table ticket add column topic_confidence double precision;
alter table ticket add column topic_source varchar(10);
alter table ticket add column routed_at timestamp(6) with time zone;
alter table ticket add column assigned_at timestamp(6) with time zone;
create index ix_ticket_unrouted on ticket (routed_at, created_at);
create index ix_ticket_assignee_status on ticket (assignee_id, status);

alter table team add column assignment varchar(20) not null default 'ROUND_ROBIN';
alter table team add column sticky boolean not null default true;
alter table team add column reassign_after_minutes integer;
alter table team add column time_zone varchar(60) not null default 'UTC';
alter table team add column business_hours varchar(500);
alter table team add column holidays varchar(2000);

alter table agent add column chat_capacity integer not null default 3;
alter table agent add column last_assigned_at timestamp(6) with time zone;

alter table contact add column vip boolean not null default false;

create table routing_rule (
  id bigint primary key,
  name varchar(200) not null,
  position integer not null,
  enabled boolean not null,
  stop_on_match boolean not null,
  match_any boolean not null default false,
  conditions varchar(10000) not null,
  actions varchar(10000) not null,
  created_at timestamp(6) with time zone not null,
  updated_at timestamp(6) with time zone not null,
  version bigint not null default 0
);
create sequence routing_rule_seq start with 1 increment by 50;

create table topic_example (
  id bigint primary key,
  language varchar(10) not null,
  topic varchar(20) not null,
  text varchar(4000) not null,
  ticket_id bigint references ticket (id) on delete set null,
  agent_id bigint references agent (id),
  created_at timestamp(6) with time zone not null
);
create sequence topic_example_seq start with 1 increment by 50;

-- the SLA policy a rule applied (by name; the policies themselves come with the metrics work)
alter table ticket add column sla_policy varchar(100);

-- tickets from before routing are not routed again
update ticket set routed_at = created_at;
