// One ticket: header with actions, the timeline across channels, the reply composer, and the
// contact panel beside it. Message text is always text; e-mail HTML is sanitised again here
// (DOMPurify) and shown in a sandboxed frame where no script can run.
import { get, post, put } from './api.js';
import { h, $, channelIcon } from './dom.js';
import { t, dateTime, language } from './i18n.js';

const STATUSES = ['NEW', 'OPEN', 'PENDING', 'SOLVED', 'CLOSED'];
const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const MAX_FILE = 10 * 1024 * 1024;

export class TicketPane {
  constructor({ me, onChanged, sendFrame, toast, markSeen }) {
    Object.assign(this, { me, onChanged, sendFrame, toast, markSeen });
    this.root = $('#ticket');
    this.side = $('#contact');
    this.details = null;
    this.mode = 'reply';
    this.notices = new Map(); // agent id -> {name, state, until}
    this.shopperTypingUntil = 0;
    this.teams = null;
    this.agents = null;
    this.canned = null;
    setInterval(() => this.renderNotices(), 2000);
    setInterval(() => { if (this.id) this.sendFrame({ type: 'viewing', ticket: this.id }); }, 20000);
  }

  async open(id) {
    if (this.id !== id) {
      this.notices.clear();
      this.draft = null;
      this.mode = 'reply';
    }
    this.id = id;
    this.sendFrame({ type: 'viewing', ticket: id });
    const [details] = await Promise.all([get(`tickets/${id}`), this.lookups()]);
    if (this.id !== id) return;
    this.details = details;
    this.chat = details.ticket.channel === 'CHAT' || details.messages.some((m) => m.channel === 'CHAT')
      ? await get(`tickets/${id}/chat`).catch(() => null) : null;
    this.render();
    this.markSeen(details.ticket);
    if (this.chat) post(`tickets/${id}/read`).catch(() => {});
    this.renderContact();
  }

  async reload() { if (this.id) await this.open(this.id); }

  rerender() { if (this.details) { this.composerFor = null; this.render(); this.renderContact(); } }

  async lookups() {
    if (this.teams) return;
    [this.teams, this.agents, this.canned] = await Promise.all([
      get('teams'), get('agents/presence'), get('canned-responses'),
    ]);
  }

  /** A ticket event about this ticket: reload it, keeping the composer's draft. */
  changed() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), 150);
  }

  notice(f) {
    if (f.type === 'collision') {
      if (f.state === 'left') this.notices.delete(f.agent);
      else this.notices.set(f.agent, { name: f.name, state: f.state, until: Date.now() + (f.state === 'typing' ? 6000 : 45000) });
    } else if (f.type === 'chat-typing') {
      this.shopperTypingUntil = Date.now() + 5000;
    } else if (f.type === 'chat-read') {
      this.changed();
    }
    this.renderNotices();
  }

  presence(f) {
    const a = this.agents?.find((x) => x.id === f.agent);
    if (a) a.state = f.state;
    else this.agents?.push({ id: f.agent, name: f.name, state: f.state });
    if (this.details) this.renderContact();
  }

  // ---- header and timeline --------------------------------------------------------------------

  render() {
    const d = this.details;
    const s = d.ticket;
    const header = h('header', { class: 'ticket-head' },
      h('h2', { dir: 'auto' }, channelIcon(s.channel, t(s.channel)), ' ', h('span', { text: s.subject ?? s.reference })),
      h('span', { class: 'ref', text: s.reference }),
      h('p', { class: 'notices', id: 'notices', role: 'status', 'aria-live': 'polite' }),
      this.actions(s));
    const timeline = h('ol', { class: 'timeline', 'aria-label': s.reference });
    for (const item of this.items()) timeline.append(item);
    // the composer survives a reload of its ticket: the agent keeps typing, focus and all
    const kept = this.root.querySelector('.composer');
    if (kept && this.composerFor === s.id && this.composerWritable === this.writable()) {
      // replaced around it, never moved: a focused element that leaves the DOM loses focus
      this.root.querySelector('.ticket-head').replaceWith(header);
      this.root.querySelector('.timeline').replaceWith(timeline);
    } else {
      this.root.replaceChildren(header, timeline, this.composer());
    }
    this.renderNotices();
    timeline.lastElementChild?.scrollIntoView({ block: 'end' });
  }

  actions(s) {
    const writable = s.status !== 'CLOSED' && !this.details.mergedInto;
    const select = (label, value, options, onchange, name) => h('label', { class: 'action' },
      h('span', { text: label }),
      h('select', { name, disabled: !writable, onchange }, ...options.map(([v, text]) =>
        h('option', { value: v, selected: String(v) === String(value) ? true : null, text }))));
    const agentOptions = [['', t('nobody')], ...(this.agents ?? []).map((a) => [a.id, a.name])];
    const tags = h('span', { class: 'tags' }, ...[...s.tags].sort().map((tag) => h('span', { class: 'tag' },
      h('a', { href: `#tag:${tag}`, text: `#${tag}`, onclick: (e) => { e.preventDefault(); this.showTag(tag); } }),
      writable ? h('button', { type: 'button', class: 'ghost tiny', 'aria-label': `− ${tag}`, text: '×', onclick: () => this.act(post(`tickets/${s.id}/tags`, { remove: [tag] })) }) : null)));
    const addTag = h('input', { class: 'tag-input', 'aria-label': t('addTag'), placeholder: t('addTag'), disabled: !writable });
    addTag.onkeydown = (e) => {
      if (e.key === 'Enter' && addTag.value.trim()) { e.preventDefault(); this.act(post(`tickets/${s.id}/tags`, { add: [addTag.value.trim()] })); }
    };
    const mergeInput = h('input', { class: 'merge-input', inputmode: 'numeric', 'aria-label': t('merge'), placeholder: t('merge'), disabled: !writable });
    return h('div', { class: 'actions' },
      select(t('assignee'), s.assignee?.id ?? '', agentOptions, (e) => this.act(put(`tickets/${s.id}/assignee`, { agentId: e.target.value ? Number(e.target.value) : null })), 'assignee'),
      h('button', { type: 'button', class: 'ghost', disabled: !writable, onclick: () => this.assignToMe(), text: t('assignMe') }),
      select(t('team'), s.team?.id ?? '', [['', t('noTeam')], ...(this.teams ?? []).map((x) => [x.id, x.name])], (e) => this.act(put(`tickets/${s.id}/team`, { teamId: e.target.value ? Number(e.target.value) : null })), 'team'),
      select(t('status'), s.status, STATUSES.map((x) => [x, t(x)]), (e) => this.act(put(`tickets/${s.id}/status`, { status: e.target.value })), 'status'),
      select(t('priority'), s.priority, PRIORITIES.map((x) => [x, t(x)]), (e) => this.act(put(`tickets/${s.id}/priority`, { priority: e.target.value })), 'priority'),
      h('button', { type: 'button', class: 'primary', disabled: !writable || s.status === 'SOLVED', onclick: () => this.solve(), text: t('solve') }),
      tags, addTag,
      h('span', { class: 'merge' }, mergeInput, h('button', { type: 'button', class: 'ghost', disabled: !writable, text: t('mergeGo'), onclick: () => {
        const into = Number(mergeInput.value.replace('#', ''));
        if (into) this.act(post(`tickets/${s.id}/merge`, { into }).then((d) => { this.id = d.ticket.id; return d.ticket; }));
      } })));
  }

  /** Messages and system events in time order. */
  items() {
    const d = this.details;
    const entries = [
      ...d.messages.map((m) => ({ at: m.sentAt, el: () => this.message(m) })),
      ...d.activities.map((a) => ({ at: a.at, el: () => this.activity(a) })),
    ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return entries.map((e) => e.el());
  }

  message(m) {
    const inbound = m.direction === 'INBOUND';
    const note = m.visibility === 'INTERNAL';
    const author = m.authorAgent?.name ?? m.authorContact?.name ?? (inbound ? t('shopper') : t('system'));
    const li = h('li', { class: `msg ${inbound ? 'in' : 'out'}${note ? ' note' : ''}${m.automatic ? ' auto' : ''}`, dataset: { message: m.id } });
    li.append(h('div', { class: 'msg-head' },
      channelIcon(m.channel, t(m.channel)),
      h('strong', { dir: 'auto', text: author }),
      note ? h('span', { class: 'badge note-badge', text: t('internal') }) : null,
      m.automatic ? h('span', { class: 'badge', text: t('automatic') }) : null,
      h('time', { datetime: m.sentAt, text: dateTime(m.sentAt) }),
      !inbound && !note && m.deliveryStatus ? h('span', {
        class: `badge delivery ds-${m.deliveryStatus}`, title: m.deliveryError ?? '', text: t(m.deliveryStatus),
      }) : null,
      this.chatReceipt(m)));
    if (m.subject && m.channel === 'EMAIL') li.append(h('p', { class: 'msg-subject', dir: 'auto', text: m.subject }));
    li.append(h('div', { class: 'msg-text', dir: 'auto', text: m.text ?? '' }));
    if (m.fullText && m.fullText.trim() !== (m.text ?? '').trim()) {
      li.append(h('details', { class: 'quoted' }, h('summary', { text: t('quoted') }),
        h('div', { class: 'msg-text', dir: 'auto', text: m.fullText.slice((m.text ?? '').length).trim() || m.fullText })));
    }
    if (m.html) {
      const d = h('details', { class: 'html' }, h('summary', { text: t('showHtml') }));
      d.addEventListener('toggle', () => {
        if (!d.open || d.querySelector('iframe')) return;
        // sanitised by the server when stored, again here; the frame may run nothing
        const clean = window.DOMPurify ? window.DOMPurify.sanitize(m.html, { FORBID_TAGS: ['style', 'form'], FORBID_ATTR: ['style'] }) : '';
        const frame = h('iframe', { sandbox: '', referrerpolicy: 'no-referrer', title: m.subject ?? 'e-mail', class: 'html-frame' });
        frame.srcdoc = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"><body dir="auto" style="font:14px system-ui;margin:8px">${clean}`;
        d.append(frame);
      }, { once: false });
      li.append(d);
    }
    if (m.attachments.length) {
      li.append(h('ul', { class: 'files', 'aria-label': t('attachments') }, ...m.attachments.map((a) =>
        h('li', {}, h('a', { href: `api/v1/attachments/${a.id}`, target: '_blank', rel: 'noopener', dir: 'auto', text: `${a.filename} (${Math.ceil(a.size / 1024)} KB)` })))));
    }
    if (m.metadata && (m.metadata.order || m.metadata.cart || m.metadata.step)) {
      li.append(h('p', { class: 'msg-context muted small' }, [m.metadata.order && `${t('orderNumber')} ${m.metadata.order}`, m.metadata.step && `${t('step')}: ${m.metadata.step}`].filter(Boolean).join(' · ')));
    }
    return li;
  }

  chatReceipt(m) {
    if (!this.chat || m.channel !== 'CHAT' || m.direction === 'INBOUND' || m.visibility === 'INTERNAL') return null;
    return this.chat.shopperReadSeq >= m.sequence ? h('span', { class: 'badge ds-READ', text: t('READ') }) : null;
  }

  activity(a) {
    return h('li', { class: 'event' }, h('span', { dir: 'auto', text: `${a.actor?.name ?? t('system')} · ${t(a.type, { d: a.detail ?? '' })}` }),
      ' ', h('time', { datetime: a.at, text: dateTime(a.at) }));
  }

  renderNotices() {
    const el = this.root.querySelector('#notices');
    if (!el) return;
    const now = Date.now();
    const parts = [];
    for (const [id, n] of this.notices) {
      if (n.until < now) { this.notices.delete(id); continue; }
      parts.push(t(n.state === 'typing' ? 'typing' : 'viewing', { n: n.name }));
    }
    if (this.shopperTypingUntil > now) parts.push(t('shopperTyping'));
    el.textContent = parts.join(' · ');
    el.classList.toggle('warn', [...this.notices.values()].some((n) => n.state === 'typing'));
  }

  // ---- composer -------------------------------------------------------------------------------

  writable() {
    return this.details.ticket.status !== 'CLOSED' && !this.details.mergedInto;
  }

  composer() {
    const d = this.details;
    const s = d.ticket;
    const writable = this.writable();
    this.composerFor = s.id;
    this.composerWritable = writable;
    const lastIn = [...d.messages].reverse().find((m) => m.direction === 'INBOUND');
    const channels = [...new Set([s.channel, ...d.messages.filter((m) => m.direction === 'INBOUND').map((m) => m.channel)])];
    const channel = h('select', { name: 'channel', 'aria-label': t('replyOn') }, ...channels.map((c) =>
      h('option', { value: c, selected: c === (lastIn?.channel ?? s.channel) ? true : null, text: t(c) })));
    const text = h('textarea', { name: 'text', rows: 4, dir: 'auto', 'aria-label': t(this.mode === 'note' ? 'note' : 'reply'),
      placeholder: t(this.mode === 'note' ? 'notePlaceholder' : 'replyPlaceholder'), disabled: !writable });
    text.value = this.draft ?? '';
    let lastTyping = 0;
    text.oninput = () => {
      this.draft = text.value;
      if (this.mode === 'reply' && Date.now() - lastTyping > 3000) {
        lastTyping = Date.now();
        this.sendFrame({ type: 'typing', ticket: s.id });
      }
    };
    const lang = s.language === 'ar' || s.language === 'en' ? s.language : language();
    const canned = h('select', { name: 'canned', 'aria-label': t('canned') }, h('option', { value: '', text: t('insert') }),
      ...(this.canned ?? []).filter((c) => c.language === lang).concat((this.canned ?? []).filter((c) => c.language !== lang))
        .map((c) => h('option', { value: c.id, text: `${c.title} (${c.language})` })));
    canned.onchange = () => {
      const c = this.canned.find((x) => String(x.id) === canned.value);
      if (c) {
        const start = text.selectionStart ?? text.value.length;
        text.setRangeText(this.fill(c.body), start, text.selectionEnd ?? start, 'end');
        this.draft = text.value;
        text.focus();
      }
      canned.value = '';
    };
    const files = h('input', { type: 'file', multiple: true, name: 'files', class: 'visually-hidden', id: 'composer-files' });
    const fileLabel = h('label', { for: 'composer-files', class: 'button ghost', text: t('attach') });
    const fileList = h('span', { class: 'muted small' });
    files.onchange = () => { fileList.textContent = [...files.files].map((f) => f.name).join(', '); };
    const send = async (solve) => {
      if (!text.value.trim()) { text.focus(); return; }
      const body = this.mode === 'note'
        ? post(`tickets/${s.id}/notes`, { text: text.value })
        : post(`tickets/${s.id}/replies`, {
          text: text.value, channel: channel.value, status: solve ? 'SOLVED' : undefined,
          attachments: await Promise.all([...files.files].map(encode)),
        });
      try {
        await body;
        this.draft = '';
        text.value = '';
        await this.reload();
        this.onChanged(this.details.ticket);
      } catch (err) {
        this.toast(t('failed', { m: err.message }));
      }
    };
    text.onkeydown = (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(false); } };
    const tab = (mode) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(this.mode === mode), class: `tab ${this.mode === mode ? 'active' : ''}`,
      text: t(mode === 'note' ? 'note' : 'reply'), onclick: () => this.compose(mode),
    });
    return h('form', { class: `composer ${this.mode}`, onsubmit: (e) => { e.preventDefault(); send(false); } },
      h('div', { class: 'composer-tabs', role: 'tablist' }, tab('reply'), tab('note'),
        this.mode === 'reply' ? h('label', { class: 'action' }, h('span', { text: t('replyOn') }), channel) : null,
        canned),
      text,
      h('div', { class: 'composer-actions' },
        this.mode === 'reply' ? [files, fileLabel, fileList] : null,
        h('button', { type: 'submit', class: 'primary', disabled: !writable, text: t(this.mode === 'note' ? 'addNote' : 'send') }),
        this.mode === 'reply' ? h('button', { type: 'button', class: 'ghost', disabled: !writable, text: t('sendAndSolve'), onclick: () => send(true) }) : null));
  }

  /** Fills {{contact.name}}, {{order.number}}, {{agent.name}}, {{ticket.reference}}. */
  fill(body) {
    const d = this.details;
    const ctx = this.chat?.context ?? {};
    const values = {
      'contact.name': d.contact.name ?? '',
      'order.number': d.orderRef ?? ctx.orderNumber ?? '',
      'agent.name': this.me.displayName,
      'ticket.reference': d.ticket.reference,
    };
    return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, k) => values[k] ?? m);
  }

  compose(mode) {
    if (!this.details) return;
    this.mode = mode;
    const old = this.root.querySelector('.composer');
    const next = this.composer();
    old.replaceWith(next);
    next.querySelector('textarea').focus();
  }

  async assignToMe() {
    if (this.details) await this.act(put(`tickets/${this.id}/assignee`, { agentId: this.me.id }));
  }

  async solve() {
    if (this.details) await this.act(put(`tickets/${this.id}/status`, { status: 'SOLVED' }));
  }

  showTag(tag) {
    location.hash = `tag:${tag}`;
    document.dispatchEvent(new CustomEvent('helpdesk:view', { detail: `tag:${tag}` }));
  }

  async act(promise) {
    try {
      const summary = await promise;
      await this.reload();
      this.onChanged(summary?.ticket ?? summary ?? this.details.ticket);
    } catch (err) {
      this.toast(t('failed', { m: err.message }));
      await this.reload();
    }
  }

  // ---- FAQ articles for the conversation ------------------------------------------------------

  async loadArticles(d, box) {
    // asked again only when the conversation changed, not on every redraw (presence, status…)
    const key = `${d.ticket.id}:${d.messages.length}`;
    if (this.articles?.key !== key) {
      this.articles = { key, found: get(`faq/tickets/${d.ticket.id}`).catch(() => []) };
    }
    const found = await this.articles.found;
    if (this.details !== d) return;
    const missing = h('button', { type: 'button', class: 'button ghost small', text: t('articleMissing') });
    missing.onclick = async () => {
      try {
        await post(`faq/tickets/${d.ticket.id}/missing`, { note: d.ticket.subject ?? '' });
        missing.replaceWith(h('span', { class: 'muted small', text: t('articleMissingSaved') }));
      } catch (err) { this.toast(t('failed', { m: err.message })); }
    };
    box.replaceChildren(
      found.length ? h('ul', { class: 'articles' }, ...found.map((a) => {
        const insert = h('button', { type: 'button', class: 'button small', text: t('insertArticle'), 'aria-label': `${t('insertArticle')}: ${a.title}` });
        insert.onclick = () => this.insertArticle(a.id);
        return h('li', { lang: a.language, dir: 'auto' },
          h('strong', { class: 'article-title', text: a.title }),
          h('p', { class: 'muted small', text: a.snippet }), insert);
      })) : h('p', { class: 'muted small', text: t('noArticles') }),
      missing);
  }

  /** The article's text (in the ticket's language where translated) into the reply composer. */
  async insertArticle(articleId) {
    try {
      const a = await post(`faq/tickets/${this.id}/insert/${articleId}`);
      if (this.mode !== 'reply') this.compose('reply');
      const text = this.root.querySelector('.composer textarea');
      if (!text) return;
      const start = text.selectionStart ?? text.value.length;
      text.setRangeText(`${a.title}\n\n${a.bodyText}`, start, text.selectionEnd ?? start, 'end');
      this.draft = text.value;
      text.focus();
    } catch (err) { this.toast(t('failed', { m: err.message })); }
  }

  // ---- contact panel --------------------------------------------------------------------------

  async renderContact() {
    const d = this.details;
    const c = d.contact;
    const ctx = { ...(this.chat?.context ?? {}) };
    const lastMeta = [...d.messages].reverse().find((m) => m.direction === 'INBOUND' && m.metadata && Object.keys(m.metadata).length)?.metadata ?? {};
    // the widget's context (ChatProtocol's keys) first, else the last inbound message's metadata
    const order = d.orderRef ?? ctx.orderNumber ?? lastMeta.orderRef;
    const cart = d.cartRef ?? ctx.cartId ?? lastMeta.cartRef;
    const total = ctx.cartTotal ?? lastMeta.cartTotal;
    const currency = ctx.cartTotal ? ctx.currency : lastMeta.currency;
    const rows = [
      [t('orderNumber'), order], [t('cart'), cart],
      [t('total'), total ? `${total} ${currency ?? ''}`.trim() : null],
      [t('step'), ctx.checkoutStep ?? lastMeta.checkoutStep], [t('page'), ctx.pageUrl ?? lastMeta.pageUrl],
    ].filter(([, v]) => v);
    const previous = h('ul', { class: 'previous' });
    const articles = h('div', { class: 'faq-suggestions', 'aria-live': 'polite' });
    this.loadArticles(d, articles);
    this.side.replaceChildren(...[
      h('h2', { text: t('contact') }),
      h('p', { class: `contact-name${c.name ? '' : ' muted'}`, dir: 'auto', text: c.name ?? t('shopper') }),
      this.chat?.identity && this.chat.identity !== 'anonymous' ? h('p', { class: 'small' }, h('span', { class: `badge ${this.chat.identity === 'verified' ? 'ds-DELIVERED' : 'ds-FAILED'}`, text: t(this.chat.identity === 'verified' ? 'identityVerified' : 'identityUnverified') })) : null,
      h('ul', { class: 'identities' }, ...c.identities.map((i) => h('li', { dir: 'auto' }, h('span', { class: 'muted small', text: `${i.kind} ` }), i.value))),
      rows.length ? h('h3', { text: t('order') }) : null,
      rows.length ? h('dl', { class: 'context' }, ...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { dir: 'auto', text: v })])) : null,
      h('h3', { text: t('suggestedArticles') }), articles,
      h('h3', { text: t('previous') }), previous,
      h('h3', { text: t('agents') }),
      h('ul', { class: 'agents' }, ...(this.agents ?? []).map((a) => h('li', {}, h('span', { class: `dot ${a.state}`, 'aria-hidden': 'true' }), `${a.name} `, h('span', { class: 'muted small', text: t(a.state) }))))].filter(Boolean));
    const details = await get(`contacts/${c.id}`).catch(() => null);
    if (!details || this.details !== d) return;
    previous.replaceChildren(...details.tickets.filter((x) => x.id !== d.ticket.id).slice(0, 10).map((x) =>
      h('li', {}, h('a', { href: `#ticket/${x.id}`, onclick: (e) => { e.preventDefault(); this.open(x.id); } },
        h('span', { class: 'ref', text: x.reference }), ' ', h('span', { dir: 'auto', text: x.subject ?? '' }), ' ',
        h('span', { class: `badge st-${x.status}`, text: t(x.status) })))));
  }
}

function encode(file) {
  if (file.size > MAX_FILE) return Promise.reject(new Error(`${file.name} > 10 MB`));
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve({ filename: file.name, contentType: file.type || 'application/octet-stream', data: String(r.result).split(',')[1] });
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
