// The satisfaction survey a shopper opens from the link in an e-mail or a social message
// (docs/metrics.md, "CSAT"): /csat.html?t=<token>&score=<1-5>. A link with a score records it at
// once (one click); the shopper may change it and add a comment. In the survey's language.
const WORDS = {
  en: { question: 'How did we do?', about: (v) => `Your request #${v.ticket}: “${v.subject ?? ''}”`,
    comment: 'Anything you want to tell us? (optional)', send: 'Send', saved: 'Thank you! Your rating is saved.',
    closed: 'This survey is closed. Thank you!', missing: 'This survey link is not valid.',
    scores: ['Very poor', 'Poor', 'OK', 'Good', 'Excellent'] },
  ar: { question: 'كيف كانت خدمتنا؟', about: (v) => `طلبك رقم ${v.ticket}: «${v.subject ?? ''}»`,
    comment: 'هل تودّ إخبارنا بشيء؟ (اختياري)', send: 'إرسال', saved: 'شكراً لك! حُفظ تقييمك.',
    closed: 'أُغلق هذا الاستطلاع. شكراً لك!', missing: 'رابط الاستطلاع غير صالح.',
    scores: ['سيئ جداً', 'ضعيف', 'مقبول', 'جيد', 'ممتاز'] },
};
const $ = (s) => document.querySelector(s);
const params = new URLSearchParams(location.search);
const token = params.get('t') ?? '';
const url = new URL(`api/v1/public/csat/${encodeURIComponent(token)}`, location.href);
let w = WORDS.en;
let chosen = 0;

function say(text, cls) { $('#status').textContent = text; $('#status').className = cls; }

function language(l) {
  w = WORDS[l] ?? WORDS.en;
  document.documentElement.lang = WORDS[l] ? l : 'en';
  document.documentElement.dir = l === 'ar' ? 'rtl' : 'ltr';
  document.title = w.question;
  $('#question').textContent = w.question;
  $('#comment-label').textContent = w.comment;
  $('#send').textContent = w.send;
}

function choose(score) {
  chosen = score;
  for (const b of document.querySelectorAll('#scores button')) b.setAttribute('aria-pressed', String(Number(b.dataset.score) === score));
}

async function answer(score, comment) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ score, comment }) });
  if (res.ok) { say(w.saved, 'ok'); return; }
  say(res.status === 409 ? w.closed : (await res.json().catch(() => ({}))).detail ?? res.statusText, 'error');
}

async function start() {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) { language(navigator.language?.startsWith('ar') ? 'ar' : 'en'); say(w.missing, 'error'); return; }
  const v = await res.json();
  language(v.language);
  $('#about').textContent = w.about(v);
  if (!v.open) { say(w.closed, 'ok'); return; }
  $('#scores').replaceChildren(...[5, 4, 3, 2, 1].map((score) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.score = String(score);
    b.append(Object.assign(document.createElement('strong'), { textContent: String(score) }),
      Object.assign(document.createElement('small'), { textContent: w.scores[score - 1] }));
    b.onclick = () => choose(score);
    return b;
  }));
  $('#comment').value = v.comment ?? '';
  $('#form').hidden = false;
  $('#form').onsubmit = (e) => { e.preventDefault(); if (chosen) answer(chosen, $('#comment').value.trim() || null); };
  const clicked = Number(params.get('score'));
  if (clicked >= 1 && clicked <= 5) { choose(clicked); await answer(clicked, null); } else if (v.score) choose(v.score);
  document.body.dataset.loaded = 'true';
}

start();
