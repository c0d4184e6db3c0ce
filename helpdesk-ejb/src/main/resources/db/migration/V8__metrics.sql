-- Response-time facts (docs/metrics.md): one row when a shopper's wait ends with a human agent's
-- public reply (first or next response) and when a ticket is solved (resolution, per segment:
-- a reopened ticket's later solve is segment 2, 3, …). Reports aggregate these rows; they never
-- rescan messages.
create table metric_fact (
  id bigint primary key,
  kind varchar(20) not null,
  ticket_id bigint not null references ticket (id),
  started_at timestamp(6) with time zone not null,
  ended_at timestamp(6) with time zone not null,
  seconds bigint not null,
  business_seconds bigint not null,
  segment integer not null,
  agent_id bigint references agent (id),
  team_id bigint references team (id) on delete set null,
  channel varchar(20) not null,
  topic varchar(20),
  language varchar(10),
  local_hour smallint not null,
  local_weekday smallint not null
);
create sequence metric_fact_seq start with 1 increment by 50;
create index ix_metric_fact_period on metric_fact (kind, ended_at);

-- when a solved ticket was last reopened, and how often: resolution segments
alter table ticket add column reopened_at timestamp(6) with time zone;
alter table ticket add column reopen_count integer not null default 0;
