-- SLA policies (docs/metrics.md, "SLAs"): targets in seconds for the first response, each next
-- response and the resolution; in business hours (the team's calendar) or not; a warning when
-- warn_percent of the target has passed.
create table sla_policy (
  id bigint primary key,
  name varchar(100) not null,
  first_response_seconds bigint,
  next_response_seconds bigint,
  resolution_seconds bigint,
  business_hours boolean not null,
  warn_percent integer not null,
  version bigint not null default 0,
  constraint uk_sla_policy_name unique (name)
);
create sequence sla_policy_seq start with 1 increment by 50;

-- a team's policy for tickets no rule gave one
alter table team add column sla_policy varchar(100);

-- the ticket's running clock, kept by SlaClock (an EJB timer on every node): which target runs,
-- when it warns and when it is due, when this was worked out, and when a warning or a breach was
-- announced (once, whichever node gets there first)
alter table ticket add column sla_kind varchar(20);
alter table ticket add column sla_warn_at timestamp(6) with time zone;
alter table ticket add column sla_due_at timestamp(6) with time zone;
alter table ticket add column sla_checked_at timestamp(6) with time zone;
alter table ticket add column sla_warned_at timestamp(6) with time zone;
alter table ticket add column sla_breached_at timestamp(6) with time zone;
create index ix_ticket_sla_due on ticket (sla_due_at);
create index ix_ticket_sla_warn on ticket (sla_warn_at);

-- each measured wait: the target it had and whether it was met (null: no SLA)
alter table metric_fact add column sla_target_seconds bigint;
alter table metric_fact add column sla_met boolean;
