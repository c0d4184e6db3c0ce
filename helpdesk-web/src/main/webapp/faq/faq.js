// The public FAQ a store links near its checkout: published articles by category, searchable,
// English or Arabic (?lang=ar, else the browser's language), RTL in Arabic. Article HTML is
// sanitised on the server when saved and again here (DOMPurify) before it is shown.
import { h as el } from '../js/dom.js';

const params = new URLSearchParams(location.search);
const lang = (params.get('lang') ?? navigator.language ?? 'en').toLowerCase().startsWith('ar') ? 'ar' : 'en';
const T = {
  en: { heading: 'Help centre', search: 'Search the help centre', other: 'العربية', otherLang: 'ar',
    helpful: 'Was this helpful?', yes: 'Yes', no: 'No', thanks: 'Thank you for your feedback.',
    none: 'No article matches. Try other words, or chat with us from the checkout.', found: (n) => `${n} articles found`,
    categories: { CHECKOUT: 'Checkout', PAYMENT: 'Payment', SHIPPING: 'Shipping & delivery', ORDER_STATUS: 'Order status',
      RETURNS: 'Returns & refunds', COUPONS: 'Coupons & pricing', ACCOUNT: 'Account' } },
  ar: { heading: 'مركز المساعدة', search: 'ابحث في مركز المساعدة', other: 'English', otherLang: 'en',
    helpful: 'هل كان هذا مفيداً؟', yes: 'نعم', no: 'لا', thanks: 'شكراً لملاحظتك.',
    none: 'لا يوجد مقال مطابق. جرّب كلمات أخرى أو تحدث معنا من صفحة الدفع.', found: (n) => `عدد المقالات: ${n}`,
    categories: { CHECKOUT: 'إتمام الشراء', PAYMENT: 'الدفع', SHIPPING: 'الشحن والتوصيل', ORDER_STATUS: 'حالة الطلب',
      RETURNS: 'الإرجاع والاسترداد', COUPONS: 'الكوبونات والأسعار', ACCOUNT: 'الحساب' } },
}[lang];

document.documentElement.lang = lang;
document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
document.title = T.heading;
document.getElementById('heading').textContent = T.heading;
document.getElementById('q-label').textContent = T.search;
const sw = document.getElementById('switch');
sw.textContent = T.other;
sw.lang = T.otherLang;
sw.href = `?lang=${T.otherLang}`;

const list = document.getElementById('articles');
const note = document.getElementById('results-note');
const api = (path) => fetch(`../api/v1/public/faq${path}`, { headers: { Accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))));

/** One article, folded; opening it loads the body (counted as a view). */
function item(a) {
  const body = el('div', { class: 'body' });
  const details = el('details', { id: a.slug, lang: a.language ?? lang },
    el('summary', { dir: 'auto', text: a.title }), body);
  details.addEventListener('toggle', async () => {
    if (!details.open || body.childElementCount) return;
    const full = await api(`/${encodeURIComponent(a.slug)}?language=${a.language ?? lang}`);
    const html = el('div', { class: 'text', dir: 'auto' });
    html.innerHTML = window.DOMPurify.sanitize(full.bodyHtml, { ALLOWED_TAGS: ['p', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'br', 'a'], ALLOWED_ATTR: ['href'] });
    const feedback = el('p', { class: 'feedback' }, el('span', { text: T.helpful }));
    for (const [label, helpful] of [[T.yes, true], [T.no, false]]) {
      const b = el('button', { type: 'button', text: label });
      b.onclick = async () => {
        await fetch(`../api/v1/public/faq/${full.id}/feedback`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ helpful }),
        });
        feedback.replaceChildren(el('span', { text: T.thanks }));
      };
      feedback.append(b);
    }
    body.append(html, feedback);
  });
  return details;
}

async function showAll() {
  const all = await api(`?language=${lang}`);
  note.textContent = '';
  const groups = new Map();
  for (const a of all) {
    if (!groups.has(a.category)) groups.set(a.category, []);
    groups.get(a.category).push(a);
  }
  list.replaceChildren(...[...groups].map(([cat, articles]) =>
    el('section', {}, el('h2', { text: T.categories[cat] ?? cat }), ...articles.map(item))));
  if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.setAttribute('open', '');
}

let timer = null;
const q = document.getElementById('q');
q.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const text = q.value.trim();
    if (!text) { showAll(); return; }
    const hits = await api(`?language=${lang}&q=${encodeURIComponent(text)}`);
    note.textContent = hits.length ? T.found(hits.length) : T.none;
    list.replaceChildren(...hits.map(item));
  }, 250);
});
document.getElementById('search').addEventListener('submit', (e) => e.preventDefault());
showAll();
