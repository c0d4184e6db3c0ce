// SLA policies (docs/metrics.md, "SLAs"): admins write the targets and choose the defaults per
// priority and per team; managers read. Durations are entered in minutes, hours or days and sent
// as ISO-8601 (PT30M, PT4H, P2D).
import { api, get, setCsrf } from '../js/api.js';
import { h as el, $ } from '../js/dom.js';

const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
const TARGETS = ['firstResponse', 'nextResponse', 'resolution'];
let admin = false;
let policies = [];
let editing = null;
const form = $('#form');

/** ISO-8601 duration → [amount, unit] in the largest whole unit (minutes, hours, days). */
export function split(iso) {
  if (!iso) return ['', 'H'];
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m) return ['', 'H'];
  const minutes = (Number(m[1] ?? 0) * 1440) + (Number(m[2] ?? 0) * 60) + Number(m[3] ?? 0) + Math.ceil(Number(m[4] ?? 0) / 60);
  if (minutes % 1440 === 0) return [String(minutes / 1440), 'D'];
  if (minutes % 60 === 0) return [String(minutes / 60), 'H'];
  return [String(minutes), 'M'];
}

function human(iso) {
  if (!iso) return '—';
  const [n, unit] = split(iso);
  return `${n} ${{ M: 'min', H: n === '1' ? 'hour' : 'hours', D: n === '1' ? 'day' : 'days' }[unit]}`;
}

function iso(amount, unit) {
  if (amount === '' || amount == null) return null;
  return unit === 'D' ? `P${amount}D` : `PT${amount}${unit}`;
}

async function start() {
  let me;
  try { me = await get('auth/me'); } catch { $('#signin').hidden = false; return; }
  admin = me.roles.includes('ADMIN');
  if (!admin && !me.roles.includes('MANAGER')) { $('#signin').hidden = false; return; }
  setCsrf(me.csrfToken);
  document.body.classList.toggle('readonly', !admin);
  $('#readonly').hidden = admin;
  $('#app').hidden = false;
  $('#new').onclick = () => edit(null);
  $('#cancel').onclick = () => { form.hidden = true; };
  form.onsubmit = submit;
  await load();
  document.body.dataset.loaded = 'true';
}

async function load() {
  const [list, defaults] = await Promise.all([get('sla-policies'), get('sla-defaults')]);
  policies = list;
  $('#policies tbody').replaceChildren(...(policies.length ? policies.map((p) => el('tr', { dataset: { policy: p.name } },
    el('td', { dir: 'auto', text: p.name }),
    ...TARGETS.map((k) => el('td', { text: human(p[k]) })),
    el('td', { text: p.businessHours ? 'business hours' : 'around the clock' }),
    el('td', { text: `${p.warnPercent} %` }),
    el('td', { class: 'admin-only' }, el('span', { class: 'actions' },
      el('button', { type: 'button', text: 'Edit', onclick: () => edit(p) }),
      el('button', { type: 'button', class: 'danger', text: 'Delete', onclick: () => remove(p) })))))
    : [el('tr', {}, el('td', { colspan: 7, class: 'muted', text: 'No policies yet: no ticket has a target.' }))]));
  const chooser = (label, value, onchange) => el('label', {}, el('span', { dir: 'auto', text: label }),
    el('select', { disabled: !admin, onchange: (e) => onchange(e.target.value || null) },
      el('option', { value: '', text: 'none' }),
      ...policies.map((p) => el('option', { value: p.name, text: p.name, selected: p.name === value }))));
  $('#priorities').replaceChildren(...PRIORITIES.map((p) => chooser(p[0] + p.slice(1).toLowerCase(), defaults.priorities[p],
    (policy) => saveDefault(`priorities/${p}/sla`, policy))));
  $('#teams').replaceChildren(...(defaults.teams.length ? defaults.teams.map((t) => chooser(t.name, t.policy,
    (policy) => saveDefault(`teams/${t.id}/sla`, policy))) : [el('p', { class: 'muted', text: 'No teams yet.' })]));
}

async function saveDefault(path, policy) {
  try {
    await api(path, { method: 'PUT', body: { policy } });
    say('#defaults-msg', 'Saved');
  } catch (err) { say('#defaults-msg', err.message, true); await load(); }
}

function edit(p) {
  editing = p;
  form.reset();
  say('#msg', '');
  form.hidden = false;
  $('#form-h').textContent = p ? `Policy: ${p.name}` : 'New policy';
  form.elements.name.value = p?.name ?? '';
  for (const k of TARGETS) {
    const [n, unit] = split(p?.[k]);
    form.elements[k].value = n;
    form.elements[`${k}Unit`].value = p?.[k] ? unit : (k === 'resolution' ? 'H' : 'M');
  }
  form.elements.businessHours.checked = p ? p.businessHours : true;
  form.elements.warnPercent.value = p?.warnPercent ?? 75;
  form.elements.name.focus();
}

async function submit(e) {
  e.preventDefault();
  const f = form.elements;
  const body = { name: f.name.value.trim(), businessHours: f.businessHours.checked, warnPercent: Number(f.warnPercent.value) };
  for (const k of TARGETS) body[k] = iso(f[k].value, f[`${k}Unit`].value);
  try {
    if (editing) await api(`sla-policies/${editing.id}`, { method: 'PUT', body });
    else await api('sla-policies', { method: 'POST', body });
    form.hidden = true;
    await load();
    say('#defaults-msg', '');
  } catch (err) { say('#msg', err.message, true); }
}

async function remove(p) {
  if (!confirm(`Delete the policy “${p.name}”?`)) return;
  try { await api(`sla-policies/${p.id}`, { method: 'DELETE' }); await load(); } catch (err) { say('#defaults-msg', err.message, true); }
}

function say(sel, text, error = false) {
  $(sel).textContent = text;
  $(sel).className = error ? 'error' : '';
}

start();
