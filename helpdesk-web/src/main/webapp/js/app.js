// The minimal staff page of the foundation: sign in, see the tickets you may see. The full agent
// inbox replaces it (issue 5). Text is always inserted as text, never as HTML.
const $ = (s) => document.querySelector(s);

async function api(path, options = {}) {
  const res = await fetch(path, { credentials: 'same-origin', ...options });
  const body = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(body?.detail ?? res.statusText);
  return body;
}

function cell(text, dir) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (dir) td.dir = dir;
  return td;
}

async function showInbox(me) {
  $('#login').hidden = true;
  $('#inbox').hidden = false;
  $('#who').textContent = `${me.displayName} (${me.roles.join(', ')})`;
  const page = await api('/api/v1/tickets?limit=100');
  const rows = page.items.map((t) => {
    const tr = document.createElement('tr');
    tr.append(cell(t.reference), cell(t.subject, 'auto'), cell(t.channel), cell(t.status),
      cell(t.team?.name), cell(t.assignee?.name));
    return tr;
  });
  $('#tickets').replaceChildren(...rows);
  $('#logout').onclick = async () => {
    await api('/api/v1/auth/logout', { method: 'POST' });
    location.reload();
  };
}

$('#login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    const me = await api('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: form.get('login'), password: form.get('password') }),
    });
    await showInbox(me);
  } catch (err) {
    $('#error').textContent = err.message;
  }
});

api('/api/v1/auth/me').then(showInbox).catch(() => {});
