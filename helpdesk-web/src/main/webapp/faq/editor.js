// The knowledge-base editor for managers and admins, on the same session as the workspace.
import { api, get, setCsrf } from '../js/api.js';
import { h as el, $ } from '../js/dom.js';

const form = $('#form');
let articles = [];
let current = null;
let stats = null; // per-article statistics, read once per visit of the page

async function start() {
  let me;
  try { me = await get('auth/me'); } catch { $('#signin').hidden = false; return; }
  if (!me.roles.includes('MANAGER') && !me.roles.includes('ADMIN')) { $('#signin').hidden = false; return; }
  setCsrf(me.csrfToken);
  $('#app').hidden = false;
  await load();
  const gaps = await get('faq/gaps').catch(() => []);
  $('#gaps').replaceChildren(...gaps.slice(0, 20).map((g) => el('li', { dir: 'auto' },
    el('a', { href: `../#ticket/${g.ticketId}`, text: `#${g.ticketId}` }), ` ${g.note} (${g.language})`)));
  edit(null);
}

async function load() {
  const lang = $('#filter-lang').value;
  articles = await get(`faq/articles${lang ? `?language=${lang}` : ''}`);
  $('#list').replaceChildren(...articles.map((a) => el('li', {},
    el('button', { type: 'button', dir: 'auto', class: a.published ? '' : 'draft', 'aria-current': String(current?.id === a.id),
      text: `${a.title} (${a.language})`, onclick: () => edit(a) }))));
}

async function edit(a) {
  current = a;
  form.reset();
  $('#msg').textContent = '';
  for (const name of ['slug', 'language', 'category', 'title', 'keywords', 'bodyHtml']) {
    if (a) form.elements[name].value = a[name] ?? '';
  }
  form.elements.published.checked = a ? a.published : true;
  $('#delete').disabled = !a;
  $('#translate').disabled = !a;
  $('#translations').textContent = a && Object.keys(a.translations).length
    ? `Translations: ${Object.entries(a.translations).map(([l, id]) => `${l} (#${id})`).join(', ')}` : '';
  $('#stats').textContent = '';
  if (a) {
    stats ??= get('faq/stats').then((all) => new Map(all.map((x) => [x.id, x]))).catch(() => new Map());
    const st = (await stats).get(a.id);
    if (st && current === a) {
      $('#stats').textContent = `Last 30 days: ${st.views} views, ${st.helpful} helpful, ${st.notHelpful} not helpful, `
        + `${st.deflections} self-served chats, ${st.inserted} inserted by agents, ${st.botAnswers} bot answers`;
    }
  }
  document.querySelectorAll('#list button').forEach((b) => b.setAttribute('aria-current', String(b.textContent === (a && `${a.title} (${a.language})`))));
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = form.elements;
  const body = { slug: f.slug.value, language: f.language.value, category: f.category.value, title: f.title.value,
    keywords: f.keywords.value, bodyHtml: f.bodyHtml.value, published: f.published.checked };
  try {
    const saved = current
      ? await api(`faq/articles/${current.id}`, { method: 'PUT', body: { ...body, version: current.version } })
      : await api('faq/articles', { method: 'POST', body });
    await load();
    await edit(articles.find((x) => x.id === saved.id) ?? saved);
    $('#msg').textContent = 'Saved.';
  } catch (err) { $('#msg').textContent = err.message; }
});

$('#new').onclick = () => edit(null);
$('#translate').onclick = () => {
  const from = current;
  edit(null);
  form.elements.slug.value = from.slug;
  form.elements.category.value = from.category;
  form.elements.language.value = from.language === 'ar' ? 'en' : 'ar';
  $('#msg').textContent = `Translating “${from.title}”`;
};
$('#delete').onclick = async () => {
  if (!current || !confirm(`Delete “${current.title}”?`)) return;
  try { await api(`faq/articles/${current.id}`, { method: 'DELETE' }); await load(); edit(null); } catch (err) { $('#msg').textContent = err.message; }
};
$('#filter-lang').onchange = load;
start();
