-- Indexes the reports read without touching the table (PostgreSQL index-only scans; the dashboard
-- benchmark on 1,000,000 tickets, docs/performance.md): a period's facts with every column a report
-- filters, groups or aggregates; tickets created in a period with their filter columns; the open
-- tickets by channel and how long they wait.
create index ix_metric_fact_report on metric_fact (kind, ended_at, channel, team_id, agent_id, topic, language, local_hour, local_weekday, seconds, business_seconds, sla_met);
drop index ix_metric_fact_period;
create index ix_ticket_created_report on ticket (created_at, channel, team_id, assignee_id, topic, language);
drop index ix_ticket_created;
create index ix_ticket_open_channel on ticket (status, channel, waiting_since);
