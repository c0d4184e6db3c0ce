-- CSAT (docs/metrics.md, "CSAT"): one survey per solve that a human answered, offered on the
-- ticket's channel (a card in the chat widget; a link by e-mail and social messages, after
-- helpdesk.csat.delay); the shopper's score (1-5) and comment. The dimensions are copied from the
-- ticket at the solve, like metric_fact's, so reports never join tickets.
create table csat_survey (
  id bigint primary key,
  token varchar(64) not null,
  ticket_id bigint not null references ticket (id),
  segment integer not null,
  channel varchar(20) not null,
  agent_id bigint references agent (id),
  team_id bigint references team (id) on delete set null,
  topic varchar(20),
  language varchar(10),
  created_at timestamp(6) with time zone not null,
  send_after timestamp(6) with time zone not null,
  sent_at timestamp(6) with time zone,
  cancelled boolean not null default false,
  score smallint,
  comment varchar(2000),
  answered_at timestamp(6) with time zone,
  constraint uk_csat_survey_token unique (token),
  constraint uk_csat_survey_segment unique (ticket_id, segment)
);
create sequence csat_survey_seq start with 1 increment by 50;
create index ix_csat_survey_due on csat_survey (sent_at, send_after);
create index ix_csat_survey_answered on csat_survey (answered_at);

-- handle time: the seconds the current resolution segment spent waiting on us (NEW or OPEN, not
-- PENDING on the shopper), in calendar and business seconds, and since when it is in such a state
alter table ticket add column work_since timestamp(6) with time zone;
alter table ticket add column work_seconds bigint not null default 0;
alter table ticket add column work_business_seconds bigint not null default 0;

-- default SLA policy per priority (after a rule's, before the team's)
create table sla_priority_default (
  priority varchar(10) primary key,
  sla_policy varchar(100) not null
);

-- created per day (the dashboard's trend) from an index
create index ix_ticket_created on ticket (created_at);

-- tickets open at the upgrade count from their segment's start
update ticket set work_since = coalesce(reopened_at, created_at) where status in ('NEW', 'OPEN');
