-- The e-mail channel: raw messages kept, quoted text trimmed, automatic messages flagged,
-- mailbox positions (UIDVALIDITY + last UID per folder) and quarantined mails.

alter table message add column full_text varchar;
alter table message add column raw_attachment_id bigint;
alter table message add constraint fk_message_raw foreign key (raw_attachment_id) references attachment (id);
alter table message add column automatic boolean default false not null;

create sequence mailbox_state_seq start with 1 increment by 10;
create table mailbox_state (
  id bigint primary key,
  channel_account_id bigint not null references channel_account (id),
  folder varchar(200) not null,
  uid_validity bigint,
  last_uid bigint not null default 0,
  fetched_total bigint not null default 0,
  last_poll_at timestamp(6) with time zone,
  last_success_at timestamp(6) with time zone,
  last_error varchar(2000),
  version bigint not null default 0,
  constraint uk_mailbox_state unique (channel_account_id, folder)
);

create sequence quarantined_mail_seq start with 1 increment by 10;
create table quarantined_mail (
  id bigint primary key,
  channel_account_id bigint not null references channel_account (id),
  folder varchar(200) not null,
  uid_validity bigint not null,
  uid bigint not null,
  size_bytes bigint not null,
  reason varchar(2000) not null,
  raw_attachment_id bigint references attachment (id),
  quarantined_at timestamp(6) with time zone not null,
  constraint uk_quarantined_mail unique (channel_account_id, folder, uid_validity, uid)
);
