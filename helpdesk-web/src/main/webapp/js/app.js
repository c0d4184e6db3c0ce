// The agent workspace: sign-in, views with live counts, the ticket list, keyboard shortcuts. The
// ticket and contact panes are in ticket.js; the staff stream in realtime.js.
import { api, get, post, put, setCsrf, ApiError } from './api.js';
import { h, $, channelIcon } from './dom.js';
import { t, setLanguage, duration } from './i18n.js';
import { StaffStream } from './realtime.js';
import { TicketPane } from './ticket.js';

const OPEN = 'NEW,OPEN,PENDING';
const state = {
  me: null, agent: null, view: 'mine', sort: 'recent', q: '',
  tickets: new Map(), order: [], cursor: null, selected: null, counts: null,
  seen: {}, stream: null, pane: null,
  ticketSeq: new Map(), // the journal number of each ticket's summary shown
};

// ---- sign-in ----------------------------------------------------------------------------------

async function start() {
  setLanguage(localStorage.getItem('helpdesk.lang') ?? (navigator.language?.startsWith('ar') ? 'ar' : 'en'));
  try {
    state.me = await get('auth/me');
  } catch {
    showLogin();
    return;
  }
  await enter();
}

function showLogin() {
  $('#workspace').hidden = true;
  $('#login-page').hidden = false;
  $('#login').onsubmit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      state.me = await post('auth/login', { login: f.get('login'), password: f.get('password') });
      await enter();
    } catch (err) {
      $('#login-error').textContent = err.message;
    }
  };
}

async function enter() {
  setCsrf(state.me.csrfToken);
  state.agent = await get('agents/me');
  setLanguage(state.agent.uiLanguage);
  localStorage.setItem('helpdesk.lang', state.agent.uiLanguage);
  state.seen = JSON.parse(localStorage.getItem(`helpdesk.seen.${state.me.id}`) ?? '{}');
  // the address names the view (#unassigned, #channel:EMAIL, #tag:vip…) and the open ticket
  // (#unassigned/ticket/1042; a ticket's link is #ticket/1042): both bookmarkable and shareable
  const wanted = address();
  if (wanted.view) state.view = wanted.view;
  $('#login-page').hidden = true;
  $('#workspace').hidden = false;
  $('#me').textContent = state.me.displayName;
  $('#manage').hidden = !state.me.roles.includes('MANAGER') && !state.me.roles.includes('ADMIN');
  $('#availability').value = state.agent.availability;
  $('#language').value = state.agent.uiLanguage;
  state.pane = new TicketPane({
    me: state.me, agent: state.agent,
    onChanged: (summary) => upsert(summary),
    sendFrame: (f) => state.stream?.send(f),
    toast,
    markSeen,
  });
  wireTopbar();
  wireKeys();
  // the stream first: its welcome number says from where events apply on top of the lists
  state.stream = new StaffStream({ onEvent, onStatus, onReset: () => reloadAll() });
  if (wanted.ticket) openAddressed(wanted.ticket);
  window.addEventListener('hashchange', () => {
    const w = address();
    if (w.view && w.view !== state.view) { state.view = w.view; loadList(); }
    if (w.ticket && w.ticket !== state.selected) openAddressed(w.ticket);
  });
}

/** The view and the ticket the address names; a search is not kept in the address. */
function address() {
  const a = decodeURIComponent(location.hash.slice(1));
  const m = /^(?:(.*)\/)?ticket\/(\d+)$/.exec(a);
  const view = m ? m[1] : a;
  return { view: view && view !== 'search' ? view : null, ticket: m ? Number(m[2]) : null };
}

function writeAddress() {
  const ticket = state.selected ? `/ticket/${state.selected}` : '';
  history.replaceState(null, '', `#${encodeURIComponent(state.view)}${ticket}`);
}

/** A ticket named by the address: opened, or a toast when it is unknown or not the agent's to see. */
async function openAddressed(id) {
  try {
    await select(id);
  } catch (err) {
    if (state.selected === id) state.selected = null;
    writeAddress();
    toast(t('failed', { m: err.message }));
  }
}

function wireTopbar() {
  $('#logout').onclick = async () => { await post('auth/logout'); location.reload(); };
  $('#availability').onchange = async (e) => {
    try { await put('agents/me/availability', { availability: e.target.value }); toast(t('saved')); }
    catch (err) { toast(t('failed', { m: err.message })); }
  };
  $('#language').onchange = async (e) => {
    const l = e.target.value;
    await put('agents/me/language', { language: l });
    localStorage.setItem('helpdesk.lang', l);
    setLanguage(l);
    if (state.connection) onStatus(state.connection);
    renderViews();
    renderList();
    state.pane.rerender();
  };
  $('#search').onsubmit = (e) => {
    e.preventDefault();
    state.q = $('#q').value.trim();
    state.view = state.q ? 'search' : 'mine';
    loadList();
  };
  $('#sort').onchange = (e) => { state.sort = e.target.value; loadList(); };
  $('#more').onclick = () => loadList(true);
  $('#help-button').onclick = () => $('#help').showModal();
  document.addEventListener('helpdesk:view', (e) => { state.view = e.detail; loadList(); });
}

// ---- views and counts -------------------------------------------------------------------------

function views() {
  const seesAll = state.me.roles.includes('MANAGER') || state.me.roles.includes('ADMIN');
  const c = state.counts ?? { byStatus: {}, byChannel: {}, byTopic: {} };
  const list = [
    { key: 'mine', label: t('mine'), params: { assignee: 'me', status: OPEN }, count: c.mine },
    { key: 'unassigned', label: t('unassigned'), params: { assignee: 'none', status: OPEN }, count: c.unassigned },
  ];
  if (state.me.teamIds.length) {
    list.push({ key: 'teams', label: t('myTeams'), params: { team: 'mine', status: OPEN }, count: c.myTeams });
  }
  if (seesAll) list.push({ key: 'all', label: t('all'), params: { status: OPEN }, count: c.open });
  const channels = Object.keys(c.byChannel).map((ch) => ({
    key: `channel:${ch}`, label: t(ch), params: { channel: ch, status: OPEN }, count: c.byChannel[ch], channel: ch, group: 'byChannel',
  }));
  const topics = Object.keys(c.byTopic ?? {}).map((tp) => ({
    key: `topic:${tp}`, label: t(`topic.${tp}`) === `topic.${tp}` ? tp : t(`topic.${tp}`),
    params: { topic: tp, status: OPEN }, count: c.byTopic[tp], group: 'byTopic',
  }));
  const statuses = ['NEW', 'OPEN', 'PENDING', 'SOLVED', 'CLOSED'].map((s) => ({
    key: `status:${s}`, label: t(s), params: { status: s }, count: c.byStatus[s] ?? 0, group: 'byStatus',
  }));
  const extra = [];
  if (state.view.startsWith('tag:')) {
    const tag = state.view.slice(4);
    extra.push({ key: state.view, label: `#${tag}`, params: { tag } });
  }
  if (state.view === 'search') extra.push({ key: 'search', label: t('searchResults', { q: state.q }), params: { q: state.q } });
  return [...list, ...extra, ...channels, ...topics, ...statuses];
}

function currentView() {
  return views().find((v) => v.key === state.view) ?? views()[0];
}

function renderViews() {
  const nav = $('#views');
  const all = views();
  const keys = all.map((v) => `${v.key}|${v.label}`).join(',');
  if (nav.dataset.keys === keys) {
    // the same views: counts and the current one change in place (a click in flight still lands)
    for (const v of all) {
      const a = nav.querySelector(`[data-view="${CSS.escape(v.key)}"]`);
      a.classList.toggle('active', v.key === state.view);
      if (v.key === state.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      const c = a.querySelector('.count');
      if (c && v.count !== undefined) c.textContent = String(v.count);
    }
    $('#list-title').textContent = currentView().label;
    return;
  }
  nav.dataset.keys = keys;
  nav.replaceChildren(h('h2', { class: 'visually-hidden', text: t('views') }));
  let group = null;
  let ul = h('ul');
  nav.append(ul);
  for (const v of all) {
    if (v.group && v.group !== group) {
      group = v.group;
      nav.append(h('h3', { text: t(group) }));
      ul = h('ul');
      nav.append(ul);
    }
    const a = h('a', {
      href: `#${v.key}`, class: v.key === state.view ? 'active' : null,
      'aria-current': v.key === state.view ? 'page' : null, dataset: { view: v.key },
      onclick: (e) => { e.preventDefault(); state.view = v.key; loadList(); },
    }, v.channel ? channelIcon(v.channel, '') : null, h('span', { text: v.label }),
    h('span', { class: 'count', text: v.count === undefined ? '' : String(v.count) }));
    ul.append(h('li', {}, a));
  }
  $('#list-title').textContent = currentView().label;
}

let countsTimer = null;
function refreshCounts(delay = 400) {
  clearTimeout(countsTimer);
  countsTimer = setTimeout(async () => {
    state.counts = await get('tickets/counts');
    renderViews();
  }, delay);
}

// ---- the list ---------------------------------------------------------------------------------

async function loadList(more = false) {
  const v = currentView();
  const params = new URLSearchParams({ ...v.params, limit: 50 });
  if (state.sort === 'waiting') params.set('sort', 'waiting');
  if (more && state.cursor) params.set('cursor', state.cursor);
  renderViews();
  writeAddress();
  const page = await get(`tickets?${params}`);
  if (!more) { state.tickets.clear(); state.order = []; }
  for (const s of page.items) { state.tickets.set(s.id, s); state.order.push(s.id); }
  state.cursor = page.nextCursor;
  state.listLoaded = true;
  renderList();
}

async function reloadAll() {
  await Promise.all([loadList(), get('tickets/counts').then((c) => { state.counts = c; renderViews(); })]);
  if (state.selected) state.pane.reload();
}

/** Whether a ticket belongs in the current view (the same filters the server applies). */
function matches(s) {
  const p = currentView().params;
  if (p.q) return false; // search results are not live: new matches appear on the next search
  if (p.status && !p.status.split(',').includes(s.status)) return false;
  if (p.assignee === 'me' && s.assignee?.id !== state.me.id) return false;
  if (p.assignee === 'none' && s.assignee) return false;
  if (p.team === 'mine' && !(s.team && state.me.teamIds.includes(s.team.id))) return false;
  if (p.channel && s.channel !== p.channel) return false;
  if (p.tag && !s.tags.includes(p.tag)) return false;
  if (p.topic && s.topic !== p.topic) return false;
  if (state.sort === 'waiting' && !s.waitingSince) return false;
  return true;
}

function sortKey(s) {
  return state.sort === 'waiting' ? -Date.parse(s.waitingSince) : Date.parse(s.lastMessageAt);
}

/** A ticket changed (an event or our own action): update, insert or drop its row. */
function upsert(s) {
  const had = state.tickets.has(s.id);
  if (matches(s) || (had && currentView().params.q)) {
    state.tickets.set(s.id, s);
    state.order = state.order.filter((id) => id !== s.id);
    const k = sortKey(s);
    let i = state.order.findIndex((id) => sortKey(state.tickets.get(id)) < k || (sortKey(state.tickets.get(id)) === k && id < s.id));
    if (i < 0) i = state.order.length;
    // beyond the loaded page: it will come with "load more"
    if (i < state.order.length || !state.cursor) state.order.splice(i, 0, s.id);
  } else if (had) {
    state.tickets.delete(s.id);
    state.order = state.order.filter((id) => id !== s.id);
  }
  renderList();
}

function isUnread(s) {
  const seen = state.seen[s.id];
  return s.waitingSince && (!seen || Date.parse(s.lastMessageAt) > Date.parse(seen));
}

function markSeen(s) {
  state.seen[s.id] = s.lastMessageAt;
  const keys = Object.keys(state.seen);
  if (keys.length > 2000) for (const k of keys.slice(0, keys.length - 2000)) delete state.seen[k];
  localStorage.setItem(`helpdesk.seen.${state.me.id}`, JSON.stringify(state.seen));
  const row = document.querySelector(`#tickets [data-id="${s.id}"]`);
  row?.classList.remove('unread');
  row?.querySelector('.new')?.remove();
}

/** The running SLA target's due time: "SLA 12m", amber in its last quarter hour, red once overdue. */
function slaBadge(s, now) {
  if (!s.slaDueAt) return null;
  const left = Date.parse(s.slaDueAt) - now;
  const cls = left < 0 ? 'sla-breached' : left < 15 * 60000 ? 'sla-soon' : 'sla-ok';
  return h('span', { class: `badge sla ${cls}`, dataset: { sla: s.slaKind },
    title: t('slaDue', { kind: t(s.slaKind), t: new Date(s.slaDueAt).toLocaleString() }),
    text: left < 0 ? t('slaOverdue', { t: duration(-left) }) : t('slaLeft', { t: duration(left) }) });
}

function renderList() {
  const now = Date.now();
  const rows = state.order.map((id) => {
    const s = state.tickets.get(id);
    const unread = isUnread(s);
    return h('li', {
      class: `row${unread ? ' unread' : ''}${id === state.selected ? ' selected' : ''} prio-${s.priority}`,
      dataset: { id },
    }, h('a', {
      href: `#ticket/${id}`, 'aria-current': id === state.selected ? 'true' : null,
      onclick: (e) => { e.preventDefault(); select(id); },
    },
    channelIcon(s.channel, t(s.channel)),
    h('span', { class: `who${s.contact?.name ? '' : ' muted'}`, dir: 'auto', text: s.contact?.name ?? t('shopper') }),
    h('span', { class: 'when', text: s.waitingSince ? t('waiting', { t: duration(now - Date.parse(s.waitingSince)) }) : duration(now - Date.parse(s.lastMessageAt)) }),
    h('span', { class: 'subject', dir: 'auto', text: s.subject ?? '' }),
    h('span', { class: 'snippet', dir: 'auto', text: s.preview ?? '' }),
    h('span', { class: 'meta' },
      unread ? h('span', { class: 'badge new', text: t('newMarker') }) : null,
      h('span', { class: `badge st-${s.status}`, text: t(s.status) }),
      s.priority !== 'NORMAL' ? h('span', { class: `badge pr-${s.priority}`, text: t(s.priority) }) : null,
      slaBadge(s, now),
      h('span', { class: 'assignee', text: s.assignee?.name ?? t('unassignedShort') }),
      h('span', { class: 'ref', text: s.reference }))));
  });
  $('#tickets').replaceChildren(...rows);
  if (state.listLoaded && !performance.getEntriesByName('inbox-painted').length) performance.mark('inbox-painted');
  $('#list-empty').hidden = rows.length > 0;
  $('#more').hidden = !state.cursor;
}

async function select(id) {
  state.selected = id;
  writeAddress();
  for (const r of document.querySelectorAll('#tickets .row')) {
    const on = Number(r.dataset.id) === id;
    r.classList.toggle('selected', on);
    r.querySelector('a').toggleAttribute('aria-current', on);
  }
  document.querySelector(`#tickets [data-id="${id}"] a`)?.scrollIntoView({ block: 'nearest' });
  await state.pane.open(id);
}

function move(step) {
  if (!state.order.length) return;
  const i = state.order.indexOf(state.selected);
  const next = state.order[Math.max(0, Math.min(state.order.length - 1, i < 0 ? 0 : i + step))];
  select(next);
  document.querySelector(`#tickets [data-id="${next}"] a`)?.focus();
}

// ---- live -------------------------------------------------------------------------------------

function onEvent(f) {
  switch (f.type) {
    case 'welcome':
      reloadAll();
      return;
    case 'ticket':
      // an earlier event of a ticket may come a moment after a later one: the newest summary wins
      if (!(state.ticketSeq.get(f.ticket.id) > f.seq)) {
        state.ticketSeq.set(f.ticket.id, f.seq);
        upsert(f.ticket);
      }
      // measured by bench/InboxLatencyBench: from the event's commit to its row on screen
      window.helpdeskArrivals?.push({ seq: f.seq, at: f.at, shown: Date.now(), ticket: f.ticket.id, message: f.message });
      refreshCounts();
      if (f.event === 'TICKET_CREATED' && matches(f.ticket)) {
        toast(t('newTicket', { r: f.ticket.reference, s: f.ticket.subject ?? '' }));
      }
      if (f.ticket.id === state.selected) state.pane.changed(f);
      return;
    case 'collision':
    case 'chat-typing':
    case 'chat-read':
      if (f.ticket === state.selected) state.pane.notice(f);
      return;
    case 'presence':
      state.pane.presence(f);
      return;
    case 'sla': { // the due time moved; an SLA target is about to pass, or passed (docs/metrics.md)
      const s = state.tickets.get(f.ticket);
      if (s) { s.slaKind = f.kind; s.slaDueAt = f.due; renderList(); }
      if (f.state === 'due') return;
      toast(t(f.state === 'warning' ? 'slaWarning' : 'slaBreached', { r: `#${f.ticket}`, k: t(f.kind) }));
      return;
    }
    case 'notice': // a routing rule's "notify": to this agent, or to managers
      toast(t('ruleNotice', { s: f.text }));
      return;
    default:
  }
}

function onStatus(s) {
  state.connection = s;
  const el = $('#connection');
  el.textContent = t(s === 'connected' ? 'connected' : 'reconnecting');
  el.className = `connection ${s}`;
  if (s === 'reconnecting') {
    // a session that ended cannot reconnect: back to the sign-in page
    get('auth/me').catch((e) => { if (e instanceof ApiError && e.status === 401) location.reload(); });
  }
}

// ---- keyboard ---------------------------------------------------------------------------------

function wireKeys() {
  document.addEventListener('keydown', (e) => {
    const typing = e.target.closest('input, textarea, select, [contenteditable]');
    if (e.key === 'Escape' && typing) { e.target.blur(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey || $('#help').open) return;
    const act = {
      j: () => move(1), k: () => move(-1),
      r: () => state.pane.compose('reply'), n: () => state.pane.compose('note'),
      a: () => state.pane.assignToMe(), e: () => state.pane.solve(),
      '/': () => $('#q').focus(), '?': () => $('#help').showModal(),
    }[e.key];
    if (act) { e.preventDefault(); act(); }
  });
}

let toastTimer = null;
function toast(text) {
  const el = $('#toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

start();
