-- Assignment counts each candidate's open tickets and open chats (ticket.channel) on every routing;
-- with the channel in the index the count reads the index alone, not each ticket's row.
drop index ix_ticket_assignee_status;
create index ix_ticket_assignee_open on ticket (assignee_id, status, channel);
