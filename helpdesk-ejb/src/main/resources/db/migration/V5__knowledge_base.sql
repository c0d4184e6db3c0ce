-- The FAQ knowledge base: articles (translations share a slug), what happens to them (suggested,
-- viewed, helpful, deflected…: the facts the FAQ statistics count) and agents' "article missing" flags.
create table faq_article (
  id bigint primary key,
  slug varchar(120) not null,
  language varchar(10) not null,
  category varchar(30) not null,
  title varchar(300) not null,
  keywords varchar(2000) not null,
  body_html varchar(40000) not null,
  body_text varchar(40000) not null,
  published boolean not null,
  created_at timestamp(6) with time zone not null,
  updated_at timestamp(6) with time zone not null,
  version bigint not null default 0,
  constraint uq_faq_article_slug unique (language, slug)
);
create sequence faq_article_seq start with 1 increment by 50;

create table faq_event (
  id bigint primary key,
  article_id bigint not null references faq_article (id) on delete cascade,
  kind varchar(20) not null,
  source varchar(10) not null,
  ticket_id bigint,
  agent_id bigint,
  occurred_at timestamp(6) with time zone not null
);
create sequence faq_event_seq start with 1 increment by 50;
create index ix_faq_event_article on faq_event (article_id, kind);
create index ix_faq_event_at on faq_event (occurred_at);

create table faq_gap (
  id bigint primary key,
  ticket_id bigint not null references ticket (id) on delete cascade,
  agent_id bigint not null references agent (id),
  note varchar(1000) not null,
  language varchar(10) not null,
  created_at timestamp(6) with time zone not null
);
create sequence faq_gap_seq start with 1 increment by 50;
create index ix_faq_gap_at on faq_gap (created_at);
