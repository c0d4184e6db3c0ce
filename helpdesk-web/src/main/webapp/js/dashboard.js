// The manager dashboard (docs/metrics.md): live tiles from /api/v1/metrics/overview, charts and a
// table from /api/v1/metrics/response-times, English or Arabic (right to left). Tiles follow the
// staff stream: a ticket event refreshes them (at most every 2 s); charts every minute.
import { get, setCsrf } from './api.js';
import { h, $ } from './dom.js';
import { StaffStream } from './realtime.js';

const WORDS = {
  en: {
    title: 'Response times', workspace: 'Workspace', language: 'Language', signin: 'Sign in to the workspace as a manager or admin first.',
    period: 'Period', today: 'Today', days7: 'Last 7 days', days30: 'Last 30 days', channel: 'Channel', team: 'Team', topic: 'Topic',
    languageFilter: 'Language', hours: 'Hours', calendar: 'Calendar', business: 'Business hours', all: 'All',
    byHour: 'First response by hour of day (median, minutes)', byChannel: 'First response by channel (minutes)',
    byTopic: 'Answered tickets by topic', byAgent: 'By agent', csv: 'Download CSV', agent: 'Agent', count: 'Count',
    median: 'Median', p90: '90th percentile', mean: 'Mean', FIRST_RESPONSE: 'First response', NEXT_RESPONSE: 'Next response',
    RESOLUTION: 'Resolution', open: 'Open', waiting: 'Waiting for us', oldest: 'Longest wait', online: 'Agents online',
    created: 'Created today', solved: 'Solved today', frtMedian: 'First response today (median)', frtP90: 'First response today (p90)', slaHit: 'First responses within SLA today',
    live: 'Live', reconnecting: 'Reconnecting…', none: '—', minutes: 'min', hoursShort: 'h', daysShort: 'd',
    agent: 'Agent', periodTitle: 'Selected period', pCreated: 'Created', pSolved: 'Solved', chatWait: 'Chat wait (median)',
    handle: 'Handle time (median)', selfServed: 'Self-served chats (FAQ)', csatScore: 'CSAT (satisfied)', csatAnswers: 'CSAT answers',
    trend: 'Created and solved per day', frtDay: 'First response per day (minutes)', byChannelMix: 'Channel mix (answered tickets)', csatByChannel: 'Satisfaction by channel (% satisfied)',
    heatmap: 'Questions by hour and weekday', volume: 'Volume', csat: 'CSAT', createdS: 'Created', solvedS: 'Solved',
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], HANDLE: 'Handle time',
    CHECKOUT: 'Checkout', PAYMENT: 'Payment', SHIPPING: 'Shipping', ORDER_STATUS: 'Order status', RETURNS: 'Returns',
    COUPONS: 'Coupons & pricing', ACCOUNT: 'Account', OTHER: 'Other',
  },
  ar: {
    title: 'أوقات الاستجابة', workspace: 'مساحة العمل', language: 'اللغة', signin: 'سجّل الدخول إلى مساحة العمل كمدير أولاً.',
    period: 'الفترة', today: 'اليوم', days7: 'آخر 7 أيام', days30: 'آخر 30 يوماً', channel: 'القناة', team: 'الفريق', topic: 'الموضوع',
    languageFilter: 'لغة التذكرة', hours: 'الساعات', calendar: 'كل الساعات', business: 'ساعات العمل', all: 'الكل',
    byHour: 'أول رد حسب ساعة اليوم (الوسيط، بالدقائق)', byChannel: 'أول رد حسب القناة (بالدقائق)',
    byTopic: 'التذاكر المُجاب عنها حسب الموضوع', byAgent: 'حسب الموظف', csv: 'تنزيل CSV', agent: 'الموظف', count: 'العدد',
    median: 'الوسيط', p90: 'المئين 90', mean: 'المتوسط', FIRST_RESPONSE: 'أول رد', NEXT_RESPONSE: 'الرد التالي',
    RESOLUTION: 'الحل', open: 'مفتوحة', waiting: 'بانتظارنا', oldest: 'أطول انتظار', online: 'موظفون متصلون',
    created: 'أُنشئت اليوم', solved: 'حُلّت اليوم', frtMedian: 'أول رد اليوم (الوسيط)', frtP90: 'أول رد اليوم (المئين 90)', slaHit: 'الردود الأولى ضمن الاتفاقية اليوم',
    live: 'مباشر', reconnecting: 'إعادة الاتصال…', none: '—', minutes: 'د', hoursShort: 'س', daysShort: 'يوم',
    agent: 'الموظف', periodTitle: 'الفترة المختارة', pCreated: 'أُنشئت', pSolved: 'حُلّت', chatWait: 'انتظار المحادثة (الوسيط)',
    handle: 'وقت المعالجة (الوسيط)', selfServed: 'محادثات حُلّت ذاتياً (الأسئلة الشائعة)', csatScore: 'الرضا (راضون)', csatAnswers: 'إجابات الاستطلاع',
    trend: 'التذاكر المُنشأة والمحلولة يومياً', frtDay: 'أول رد يومياً (بالدقائق)', byChannelMix: 'توزيع القنوات (تذاكر مُجاب عنها)', csatByChannel: 'الرضا حسب القناة (% راضون)',
    heatmap: 'الأسئلة حسب الساعة ويوم الأسبوع', volume: 'الحجم', csat: 'الرضا', createdS: 'أُنشئت', solvedS: 'حُلّت',
    days: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'], HANDLE: 'وقت المعالجة',
    CHECKOUT: 'إتمام الشراء', PAYMENT: 'الدفع', SHIPPING: 'الشحن', ORDER_STATUS: 'حالة الطلب', RETURNS: 'الإرجاع',
    COUPONS: 'الكوبونات والأسعار', ACCOUNT: 'الحساب', OTHER: 'أخرى',
  },
};
let lang = 'en';
const w = (k) => WORDS[lang][k] ?? WORDS.en[k] ?? k;
const num = (n, digits = 0) => new Intl.NumberFormat(lang === 'ar' ? 'ar' : 'en', { maximumFractionDigits: digits }).format(n);
// a wait as people say it: minutes up to 1.5 hours, hours up to 2 days, then days
const minutes = (s) => {
  if (s == null) return w('none');
  if (s < 5400) return `${num(s / 60, 1)} ${w('minutes')}`;
  if (s < 172800) return `${num(s / 3600, 1)} ${w('hoursShort')}`;
  return `${num(s / 86400, 1)} ${w('daysShort')}`;
};
const charts = {};
let lastRows = [];

function setLanguage(l) {
  lang = WORDS[l] ? l : 'en';
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  $('#lang').value = lang;
  for (const el of document.querySelectorAll('[data-d]')) el.textContent = w(el.dataset.d);
  for (const o of document.querySelectorAll('#filters [name=topic] option[value]:not([value=""])')) o.textContent = w(o.value);
}

function filters() {
  const f = $('#filters').elements;
  const days = Number(f.days.value);
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const from = days === 1 ? midnight : new Date(Date.now() - days * 86400000);
  const q = new URLSearchParams({ from: from.toISOString(), hours: f.hours.value });
  for (const k of ['channel', 'team', 'agent', 'topic', 'language']) if (f[k].value) q.set(k, f[k].value);
  return q;
}

/** A figure with its caption; {@code warn} colours it. */
const tile = (key, value, warn = false) => h('div', { class: `tile${warn ? ' warn' : ''}`, dataset: { tile: key } },
  h('span', { class: 'v', text: value }), h('span', { class: 'k', text: w(key) }));

async function tiles() {
  const f = $('#filters').elements;
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const q = new URLSearchParams({ since: midnight.toISOString() });
  if (f.channel.value) q.set('channel', f.channel.value);
  if (f.team.value) q.set('team', f.team.value);
  const o = await get(`metrics/overview?${q}`);
  const oldest = o.oldestWaitingSince ? (Date.now() - Date.parse(o.oldestWaitingSince)) / 1000 : null;
  $('#tiles').replaceChildren(
    tile('open', num(o.open)),
    tile('waiting', num(o.waiting), o.waiting > 0),
    tile('oldest', minutes(oldest), oldest > 3600),
    tile('online', num(o.agentsOnline), o.agentsOnline === 0),
    tile('created', num(o.created)),
    tile('solved', num(o.solved)),
    tile('frtMedian', minutes(o.firstResponse?.median)),
    tile('frtP90', minutes(o.firstResponse?.p90)),
    tile('slaHit', o.firstResponse?.slaHitRate == null ? w('none') : `${num(o.firstResponse.slaHitRate * 100)} %`,
      o.firstResponse?.slaHitRate != null && o.firstResponse.slaHitRate < 0.9));
}

function chart(id, type, labels, datasets) {
  charts[id]?.destroy();
  charts[id] = new window.Chart($(`#${id}`), {
    type,
    data: { labels, datasets },
    options: { animation: false, responsive: true, plugins: { legend: { display: datasets.length > 1 || type === 'doughnut', rtl: lang === 'ar' } },
      scales: type === 'doughnut' ? {} : { x: { reverse: lang === 'ar' }, y: { beginAtZero: true } } },
  });
}

const percent = (x) => (x == null ? w('none') : `${num(x * 100)} %`);

async function period() {
  const s = await get(`metrics/summary?${filters()}`);
  $('#period').replaceChildren(
    tile('pCreated', num(s.created)),
    tile('pSolved', num(s.solved)),
    tile('chatWait', minutes(s.chatWait?.median)),
    tile('handle', minutes(s.handle?.median)),
    tile('selfServed', s.chats ? `${num(s.selfServed)} · ${percent(s.selfServed / s.chats)}` : num(s.selfServed)),
    tile('csatScore', percent(s.csat?.satisfied), s.csat?.satisfied != null && s.csat.satisfied < 0.8),
    tile('csatAnswers', s.csat ? `${num(s.csat.answered)} / ${num(s.csat.sent)}` : w('none')));
}

async function heatmap() {
  const rows = await get(`metrics/response-times?kind=FIRST_RESPONSE&by=weekday-hour&${filters()}`);
  const kind = $('#heat-kind').value;
  const cells = new Map(rows.map((r) => [r.key, r]));
  const value = (r) => (r ? (kind === 'count' ? r.count : r.median / 60) : 0);
  const max = Math.max(1, ...rows.map(value));
  $('#heat thead').replaceChildren(h('tr', {}, h('th'), ...[...Array(24).keys()].map((x) => h('th', { text: num(x) }))));
  $('#heat tbody').replaceChildren(...[1, 2, 3, 4, 5, 6, 7].map((d) => h('tr', {}, h('th', { scope: 'row', text: w('days')[d - 1] }),
    ...[...Array(24).keys()].map((x) => {
      const r = cells.get(`${d}-${x}`);
      const v = value(r);
      const a = r ? 0.12 + 0.88 * (v / max) : 0;
      return h('td', { text: r ? num(v, kind === 'count' ? 0 : 1) : '',
        title: r ? `${w('days')[d - 1]} ${x}:00 · ${w('count')} ${num(r.count)} · ${w('median')} ${minutes(r.median)}` : '',
        style: r ? `background: rgba(31, 95, 191, ${a.toFixed(2)}); color: ${a > 0.55 ? '#fff' : 'inherit'}` : 'background: #eef1f4' });
    }))));
}

async function reports() {
  const q = filters();
  const report = (kind, by) => get(`metrics/response-times?kind=${kind}&by=${by}&${q}`);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [hours, channels, topics, trend, csat, perDay] = await Promise.all([
    report('FIRST_RESPONSE', 'hour'), report('FIRST_RESPONSE', 'channel'), report('FIRST_RESPONSE', 'topic'),
    get(`metrics/trend?zone=${encodeURIComponent(zone)}&${q}`), get(`metrics/csat?by=channel&${q}`),
    get(`metrics/response-times?kind=FIRST_RESPONSE&by=day&zone=${encodeURIComponent(zone)}&${q}`), period(), heatmap()]);
  const day = new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en', { month: 'short', day: 'numeric' });
  chart('chart-trend', 'line', trend.map((d) => day.format(new Date(`${d.day}T12:00:00`))), [
    { label: w('createdS'), data: trend.map((d) => d.created), borderColor: '#1f5fbf', backgroundColor: '#1f5fbf' },
    { label: w('solvedS'), data: trend.map((d) => d.solved), borderColor: '#17663a', backgroundColor: '#17663a' }]);
  const median = new Map(perDay.map((r) => [r.key, r]));
  chart('chart-frt-day', 'line', trend.map((d) => day.format(new Date(`${d.day}T12:00:00`))), [
    { label: w('median'), data: trend.map((d) => (median.has(d.day) ? median.get(d.day).median / 60 : null)), borderColor: '#1f5fbf', backgroundColor: '#1f5fbf', spanGaps: true },
    { label: w('p90'), data: trend.map((d) => (median.has(d.day) ? median.get(d.day).p90 / 60 : null)), borderColor: '#e6a23c', backgroundColor: '#e6a23c', spanGaps: true }]);
  chart('chart-mix', 'doughnut', channels.map((r) => r.key), [{ data: channels.map((r) => r.count),
    backgroundColor: ['#1f5fbf', '#17663a', '#e6a23c', '#b3261e', '#7b4fb5', '#2aa1a1', '#8a6d3b', '#9aa4ae'] }]);
  chart('chart-csat', 'bar', csat.map((r) => r.key), [{ label: w('csatScore'),
    data: csat.map((r) => (r.satisfied == null ? 0 : r.satisfied * 100)), backgroundColor: '#17663a' }]);
  const byHour = new Map(hours.map((r) => [Number(r.key), r.median / 60]));
  chart('chart-hour', 'bar', [...Array(24).keys()].map((x) => num(x)),
    [{ label: w('median'), data: [...Array(24).keys()].map((x) => byHour.get(x) ?? 0), backgroundColor: '#1f5fbf' }]);
  chart('chart-channel', 'bar', channels.map((r) => r.key), [
    { label: w('median'), data: channels.map((r) => r.median / 60), backgroundColor: '#1f5fbf' },
    { label: w('p90'), data: channels.map((r) => r.p90 / 60), backgroundColor: '#e6a23c' }]);
  chart('chart-topic', 'doughnut', topics.map((r) => w(r.key)), [{ data: topics.map((r) => r.count),
    backgroundColor: ['#1f5fbf', '#17663a', '#e6a23c', '#b3261e', '#7b4fb5', '#2aa1a1', '#8a6d3b', '#9aa4ae'] }]);
  await table();
}

async function table() {
  const kind = $('#table-kind').value;
  const [rows, csat] = await Promise.all([get(`metrics/response-times?kind=${kind}&by=agent&${filters()}`),
    get(`metrics/csat?by=agent&${filters()}`)]);
  const satisfied = new Map(csat.map((r) => [r.key, r]));
  lastRows = rows.map((r) => ({ ...r, csat: satisfied.get(r.key)?.satisfied ?? null, csatAnswers: satisfied.get(r.key)?.answered ?? 0 }));
  $('#table tbody').replaceChildren(...lastRows.map((r) => h('tr', {},
    h('td', { dir: 'auto', text: r.key }), h('td', { text: num(r.count) }), h('td', { text: minutes(r.median) }),
    h('td', { text: minutes(r.p90) }), h('td', { text: minutes(r.mean) }),
    h('td', { text: r.csat == null ? w('none') : `${percent(r.csat)} (${num(r.csatAnswers)})` }))));
}

function csv() {
  const cell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [['agent', 'count', 'median_seconds', 'p90_seconds', 'mean_seconds', 'csat_satisfied', 'csat_answers'],
    ...lastRows.map((r) => [r.key, r.count, r.median, r.p90, r.mean, r.csat ?? '', r.csatAnswers])].map((l) => l.map(cell).join(','));
  const a = h('a', { href: URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' })),
    download: `response-times-${$('#table-kind').value.toLowerCase()}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
}

let pending = null;
function soon() {
  if (pending) return;
  pending = setTimeout(() => { pending = null; tiles().catch(() => {}); }, 2000);
}

async function start() {
  let me;
  try { me = await get('auth/me'); } catch { setLanguage(new URLSearchParams(location.search).get('lang') ?? 'en'); $('#signin').hidden = false; return; }
  const mine = await get('agents/me').then((a) => a.uiLanguage).catch(() => null);
  setLanguage(new URLSearchParams(location.search).get('lang') ?? mine ?? 'en');
  if (!me.roles.includes('MANAGER') && !me.roles.includes('ADMIN')) { $('#signin').hidden = false; return; }
  setCsrf(me.csrfToken);
  const [teams, agents] = await Promise.all([get('teams'), get('agents')]);
  $('#filters').elements.team.append(...teams.map((t) => h('option', { value: t.id, text: t.name })));
  $('#filters').elements.agent.append(...agents.map((a) => h('option', { value: a.id, text: a.displayName })));
  for (const id of ['filters', 'tiles', 'period-title', 'period', 'charts', 'heatmap', 'table']) $(`#${id}`).hidden = false;
  await Promise.all([tiles(), reports()]);
  document.body.dataset.loaded = 'true';
  performance.mark('dashboard-loaded'); // the first load's time (DashboardBench)
  $('#filters').onchange = () => { tiles(); reports(); };
  $('#table-kind').onchange = table;
  $('#heat-kind').onchange = heatmap;
  $('#csv').onclick = csv;
  $('#lang').onchange = () => { setLanguage($('#lang').value); tiles(); reports(); };
  new StaffStream({
    onEvent: (f) => { if (f.type === 'ticket' || f.type === 'presence') soon(); },
    onStatus: (s) => { $('#live').textContent = w(s === 'connected' ? 'live' : 'reconnecting'); $('#live').className = `connection ${s}`; },
    onReset: soon,
  });
  setInterval(() => reports().catch(() => {}), 60000);
}

start();
