// The routing page: admins write the rules that route every new ticket (docs/routing.md), try them
// on a sample message, and set each team's assignment and hours; managers read and try.
import { api, get, setCsrf } from '../js/api.js';
import { h as el, $ } from '../js/dom.js';

const FIELDS = {
  topic: { label: 'Topic', ops: ['in', 'notIn'], choices: ['CHECKOUT', 'PAYMENT', 'SHIPPING', 'ORDER_STATUS', 'RETURNS', 'COUPONS', 'ACCOUNT', 'OTHER'] },
  channel: { label: 'Channel', ops: ['in', 'notIn'], choices: ['EMAIL', 'CHAT', 'WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'TELEGRAM', 'X', 'API'] },
  channelAccount: { label: 'Channel account (id)', ops: ['in', 'notIn'] },
  language: { label: 'Language', ops: ['in', 'notIn'], choices: ['en', 'ar'] },
  keywords: { label: 'Keywords', ops: ['any'], hint: 'words or phrases, comma-separated' },
  text: { label: 'Text matches', ops: ['matches'], hint: 'a regular expression' },
  checkoutStep: { label: 'Checkout step', ops: ['in', 'notIn'], hint: 'cart, shipping, payment, review' },
  orderValue: { label: 'Cart total', ops: ['atLeast', 'atMost'], hint: 'a number' },
  vip: { label: 'VIP contact', ops: ['is'], choices: ['true', 'false'] },
  firstTimeBuyer: { label: 'First-time buyer', ops: ['is'], choices: ['true', 'false'] },
  businessHours: { label: 'Within business hours', ops: ['is'], choices: ['true', 'false'] },
};
const ACTIONS = {
  setTeam: 'Set team', setPriority: 'Set priority', addTags: 'Add tags', assign: 'Assign',
  autoReply: 'Auto-reply', applySla: 'Apply SLA policy', notify: 'Notify',
};

let admin = false;
let rules = [];
let teams = [];
let agents = [];
let current = null;
const form = $('#form');

async function start() {
  let me;
  try { me = await get('auth/me'); } catch { $('#signin').hidden = false; return; }
  admin = me.roles.includes('ADMIN');
  if (!admin && !me.roles.includes('MANAGER')) { $('#signin').hidden = false; return; }
  setCsrf(me.csrfToken);
  document.body.classList.toggle('readonly', !admin);
  $('#readonly').hidden = admin;
  [teams, agents] = await Promise.all([get('teams'), get('agents')]);
  $('#app').hidden = false;
  await load();
  edit(rules[0] ?? null);
  showTeams();
}

async function load() {
  rules = await get('routing/rules');
  $('#rules').replaceChildren(...rules.map((r, i) => el('li', { class: r.enabled ? '' : 'off' },
    el('button', { type: 'button', class: 'pick', dir: 'auto', 'aria-current': String(current?.id === r.id), text: r.name, onclick: () => edit(r) }),
    r.stopOnMatch ? el('span', { class: 'badge', text: 'stops' }) : null,
    admin ? el('button', { type: 'button', class: 'icon', 'aria-label': `Move “${r.name}” up`, disabled: i === 0, text: '↑', onclick: () => swap(i, i - 1) }) : null,
    admin ? el('button', { type: 'button', class: 'icon', 'aria-label': `Move “${r.name}” down`, disabled: i === rules.length - 1, text: '↓', onclick: () => swap(i, i + 1) }) : null)));
  if (!rules.length) $('#rules').append(el('li', { class: 'muted', text: 'No rules yet: tickets stay in the shared queue.' }));
}

/** Swaps two rules' places: each keeps the other's position. */
async function swap(i, j) {
  const [a, b] = [rules[i], rules[j]];
  const pa = a.position === b.position ? a.position + (j > i ? 1 : -1) : b.position;
  try {
    await save(a, { position: pa });
    await save(b, { position: a.position });
    await load();
  } catch (err) { message(err.message, true); await load(); }
}

function save(rule, change) {
  const body = { name: rule.name, position: rule.position, enabled: rule.enabled, stopOnMatch: rule.stopOnMatch,
    matchAny: rule.matchAny, conditions: rule.conditions, actions: rule.actions, ...change };
  return api(`routing/rules/${rule.id}`, { method: 'PUT', body, headers: { 'If-Match': `"${rule.version}"` } });
}

function edit(rule) {
  current = rule;
  form.reset();
  message('');
  $('#form-h').textContent = rule ? `Rule: ${rule.name}` : 'New rule';
  form.elements.name.value = rule?.name ?? '';
  form.elements.enabled.checked = rule ? rule.enabled : true;
  form.elements.stopOnMatch.checked = !!rule?.stopOnMatch;
  form.elements.matchAny.checked = !!rule?.matchAny;
  $('#conditions').replaceChildren(...(rule?.conditions ?? []).map(conditionLine));
  $('#actions').replaceChildren(...(rule?.actions ?? [{ type: 'setTeam', value: '' }]).map(actionLine));
  $('#delete').disabled = !rule;
  for (const c of form.querySelectorAll('input, select, textarea')) c.disabled = !admin;
  document.querySelectorAll('#rules .pick').forEach((b, i) => b.setAttribute('aria-current', String(rules[i]?.id === rule?.id)));
}

function select(name, options, value) {
  return el('select', { name }, ...options.map(([v, label]) => el('option', { value: v, selected: String(v) === String(value), text: label })));
}

function conditionLine(c = { field: 'topic', op: 'in', values: [] }) {
  const line = el('div', { class: 'line condition' });
  const render = (field, op, values) => {
    const spec = FIELDS[field];
    const fieldSel = select('field', Object.entries(FIELDS).map(([k, v]) => [k, v.label]), field);
    fieldSel.onchange = () => render(fieldSel.value, FIELDS[fieldSel.value].ops[0], []);
    const valueInput = spec.choices && spec.ops[0] !== 'any'
      ? (field === 'vip' || field === 'firstTimeBuyer' || field === 'businessHours'
        ? select('values', spec.choices.map((x) => [x, x]), values[0] ?? 'true')
        : el('select', { name: 'values', multiple: true, size: Math.min(4, spec.choices.length) },
          ...spec.choices.map((x) => el('option', { value: x, selected: values.includes(x), text: x }))))
      : el('input', { name: 'values', dir: 'auto', placeholder: spec.hint ?? 'comma-separated', value: values.join(', ') });
    line.replaceChildren(
      el('label', {}, 'Field', fieldSel),
      el('label', {}, 'Test', select('op', spec.ops.map((o) => [o, o]), op)),
      el('label', {}, 'Values', valueInput),
      el('button', { type: 'button', class: 'icon admin-only', 'aria-label': 'Remove condition', text: '✕', onclick: () => line.remove() }));
  };
  render(c.field in FIELDS ? c.field : 'topic', c.op, c.values ?? []);
  return line;
}

function actionLine(a = { type: 'setTeam', value: '' }) {
  const line = el('div', { class: 'line action' });
  const render = (type, value, values) => {
    const typeSel = select('type', Object.entries(ACTIONS), type);
    typeSel.onchange = () => render(typeSel.value, '', []);
    let input;
    if (type === 'setTeam') input = select('value', teams.map((t) => [t.id, t.name]), value);
    else if (type === 'setPriority') input = select('value', ['LOW', 'NORMAL', 'HIGH', 'URGENT'].map((p) => [p, p]), value || 'HIGH');
    else if (type === 'assign') input = select('value', [['auto', 'by the team’s strategy'], ...agents.filter((x) => x.active).map((x) => [x.id, x.displayName])], value || 'auto');
    else if (type === 'notify') input = select('value', [['managers', 'managers'], ...agents.filter((x) => x.active).map((x) => [x.id, x.displayName])], value || 'managers');
    else if (type === 'addTags') input = el('input', { name: 'values', dir: 'auto', placeholder: 'vip, wedding', value: (values ?? []).join(', ') });
    else if (type === 'autoReply') input = el('textarea', { name: 'value', rows: 2, dir: 'auto', placeholder: 'We got your message ({ref}); we answer from {opens}.' }, value ?? '');
    else input = el('input', { name: 'value', dir: 'auto', value: value ?? '', placeholder: 'policy name' });
    line.replaceChildren(
      el('label', {}, 'Action', typeSel),
      el('span'),
      el('label', {}, 'Value', input),
      el('button', { type: 'button', class: 'icon admin-only', 'aria-label': 'Remove action', text: '✕', onclick: () => line.remove() }));
  };
  render(a.type in ACTIONS ? a.type : 'setTeam', a.value ?? '', a.values ?? []);
  return line;
}

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** The rule as the form has it now. */
function written() {
  const conditions = [...form.querySelectorAll('.condition')].map((line) => {
    const field = line.querySelector('[name=field]').value;
    const v = line.querySelector('[name=values]');
    const values = v.multiple ? [...v.selectedOptions].map((o) => o.value)
      : v.tagName === 'SELECT' ? [v.value] : (field === 'text' ? [v.value] : list(v.value));
    return { field, op: line.querySelector('[name=op]').value, values };
  });
  const actions = [...form.querySelectorAll('.action')].map((line) => {
    const type = line.querySelector('[name=type]').value;
    const tags = line.querySelector('[name=values]');
    return tags ? { type, values: list(tags.value) } : { type, value: line.querySelector('[name=value]').value };
  });
  const f = form.elements;
  return { name: f.name.value, enabled: f.enabled.checked, stopOnMatch: f.stopOnMatch.checked, matchAny: f.matchAny.checked, conditions, actions };
}

function message(text, error = false) {
  $('#msg').textContent = text;
  $('#msg').classList.toggle('error', error);
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const saved = current ? await save(current, written()) : await api('routing/rules', { method: 'POST', body: written() });
    await load();
    edit(rules.find((r) => r.id === saved.id) ?? saved);
    message('Saved.');
  } catch (err) { message(err.message, true); }
});

$('#new').onclick = () => edit(null);
$('#add-condition').onclick = () => $('#conditions').append(conditionLine());
$('#add-action').onclick = () => $('#actions').append(actionLine());
$('#delete').onclick = async () => {
  if (!current || !confirm(`Delete the rule “${current.name}”?`)) return;
  try { await api(`routing/rules/${current.id}`, { method: 'DELETE' }); await load(); edit(rules[0] ?? null); } catch (err) { message(err.message, true); }
};

$('#dry-run').onclick = async () => {
  const out = $('#dry-out');
  const draft = written();
  const body = {
    text: $('#dry-text').value, channel: $('#dry-channel').value, language: $('#dry-language').value || null,
    checkoutStep: $('#dry-step').value || null, orderValue: $('#dry-value').value || null,
    vip: $('#dry-vip').checked, firstTimeBuyer: $('#dry-first').checked,
    // the form's rule is tried after the saved ones; a saved rule in the form is the saved one
    rule: current || !draft.name ? null : draft,
  };
  try {
    const r = await api('routing/dry-run', { method: 'POST', body });
    const o = r.outcome;
    const team = teams.find((t) => t.id === o.teamId);
    out.replaceChildren(el('dl', {},
      el('dt', { text: 'Topic' }), el('dd', { text: `${r.topic.topic} (confidence ${r.topic.confidence})` }),
      el('dt', { text: 'Rules that fire' }), el('dd', {}, o.firings.length
        ? el('ol', {}, ...o.firings.map((f) => el('li', { dir: 'auto', text: `${f.rule}: ${f.actions.join('; ')}` })))
        : 'none: the ticket stays in the shared queue'),
      el('dt', { text: 'Team' }), el('dd', { text: team ? team.name : '—' }),
      el('dt', { text: 'Priority' }), el('dd', { text: o.priority ?? '—' }),
      el('dt', { text: 'Tags' }), el('dd', { text: o.tags.length ? o.tags.join(', ') : '—' }),
      el('dt', { text: 'Auto-reply' }), el('dd', { dir: 'auto', text: o.autoReply ?? '—' })));
  } catch (err) { out.replaceChildren(el('p', { class: 'error', text: err.message })); }
};

function showTeams() {
  $('#teams').replaceChildren(...teams.map((t) => {
    const f = el('form', { class: 'team' },
      el('h3', { dir: 'auto', text: t.name }),
      el('div', { class: 'grid' },
        el('label', {}, 'Assignment', select('assignment', [['ROUND_ROBIN', 'round-robin'], ['LEAST_LOADED', 'least loaded'], ['MANUAL', 'by hand']], t.assignment)),
        el('label', {}, 'Re-assign after (minutes without an answer)', el('input', { name: 'reassignAfterMinutes', type: 'number', min: 1, value: t.reassignAfterMinutes ?? '' })),
        el('label', { class: 'check' }, el('input', { name: 'sticky', type: 'checkbox', checked: t.sticky }), 'Returning shoppers to their previous agent'),
        el('label', {}, 'Time zone', el('input', { name: 'timeZone', value: t.timeZone ?? '', placeholder: 'Asia/Riyadh' })),
        el('label', {}, 'Business hours', el('input', { name: 'businessHours', value: t.businessHours ?? '', placeholder: 'sun-thu 09:00-17:00' })),
        el('label', {}, 'Holidays', el('input', { name: 'holidays', value: t.holidays ?? '', placeholder: '2026-12-25, 2027-01-01' }))),
      el('div', { class: 'row' }, el('button', { type: 'submit', class: 'admin-only', text: 'Save team' }), el('span', { role: 'status' })));
    for (const c of f.querySelectorAll('input, select')) c.disabled = !admin;
    f.onsubmit = async (e) => {
      e.preventDefault();
      const x = f.elements;
      const status = f.querySelector('[role=status]');
      try {
        const saved = await api(`teams/${t.id}/routing`, { method: 'PUT', body: {
          assignment: x.assignment.value, sticky: x.sticky.checked,
          reassignAfterMinutes: x.reassignAfterMinutes.value ? Number(x.reassignAfterMinutes.value) : null,
          timeZone: x.timeZone.value || null, businessHours: x.businessHours.value || null, holidays: x.holidays.value || null } });
        Object.assign(t, saved);
        status.className = '';
        status.textContent = 'Saved.';
      } catch (err) { status.className = 'error'; status.textContent = err.message; }
    };
    return f;
  }));
}

start();
