// "Consultar folio": the status of a petition by folio; with the code (the resume token),
// also its notes, and every later change arrives on its own while the page is open.
import { createConnection, newRef } from './connection.js';
import { el, formatCivilDate, formatDateTime, setText, showConnectionStatus } from './format.js';
import { CHANNEL_KEY } from './canal.js';
const $ = (id) => document.getElementById(id);

const STATUS_LABELS = { received: 'Recibida', in_process: 'En proceso', answered: 'Respondida' };
const CHANGE_LABELS = {
  received: 'Recibida', in_process: 'En proceso', answered: 'Respondida', transferred: 'Turnada',
};

let asked = null; // { folio, resumeCode }

/** The folio and code this browser received at its last channel check-in, if any. */
function savedPetition() {
  try { return JSON.parse(localStorage.getItem(CHANNEL_KEY) || 'null'); } catch { return null; }
}

/** Asks for the folio; false while there is no connection (the next welcome asks again). */
function ask() {
  if (!asked) return false;
  const message = { type: 'folio.status', folio: asked.folio, ref: newRef('f') };
  if (asked.resumeCode) message.resumeCode = asked.resumeCode;
  return conn.send(message);
}

const conn = createConnection({
  hello: () => ({ type: 'hello', role: 'citizen' }),
  onStatus: (status) => showConnectionStatus($('conn-status'), status),
});

// Every (re)connection starts afresh: ask again, which also follows the folio again.
conn.onMessage('welcome', () => ask());

conn.onMessage('folio.status', (msg) => {
  if (!asked || msg.folio !== asked.folio) return;
  setText($('query-error'), '', '');
  setText($('status-folio'), msg.folio);
  setText($('status-label'), STATUS_LABELS[msg.status] || msg.status);
  setText($('status-due'), formatCivilDate(msg.dueDate));
  setText($('status-department'), msg.department);
  setText($('status-service'), msg.service);
  setText($('status-colonia'), msg.colonia);
  setText($('status-received'), formatDateTime(msg.receivedAt));
  setText($('status-next'), msg.nextStep);
  $('status-overdue').hidden = !msg.overdue;
  $('status-private').hidden = !!msg.withNotes;
  const history = Array.isArray(msg.history) ? msg.history : [];
  // The latest change is where the petition stands; earlier ones are plain bullets.
  const steps = history.map((step, index) => el('li', { dataset: index === history.length - 1 ? { state: 'current' } : null },
    el('span', { class: 'step-title', text: `${CHANGE_LABELS[step.kind] || step.kind} · ${step.department || ''}` }),
    el('span', { class: 'step-detail', text: formatDateTime(step.at) || '' }),
    step.note ? el('span', { class: 'step-detail', text: step.note }) : null));
  $('status-history').replaceChildren(...steps);
  $('status').hidden = false;
});

conn.onMessage('error', (msg) => {
  $('status').hidden = true;
  setText($('query-error'), msg.message || 'No se pudo consultar el folio.', '');
});

$('folio-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const folio = $('folio-input').value.trim().toUpperCase();
  const resumeCode = $('code-input').value.trim();
  if (!/^[A-Z]+(-[A-Z]+)*-\d{4}-\d{6}$/.test(folio)) {
    setText($('query-error'), 'Escribe el folio tal como aparece, por ejemplo AUD-2026-000123.', '');
    return;
  }
  asked = { folio, resumeCode: resumeCode || null };
  if (!ask()) setText($('query-error'), 'Sin conexión con el servidor; se consultará en cuanto se reconecte.', '');
});

// Opened from a link (?folio=…) or after a check-in on this device: ask at once.
const fromLink = new URLSearchParams(location.search).get('folio');
const saved = savedPetition();
const folio = (fromLink || (saved && saved.folio) || '').trim().toUpperCase();
if (folio) {
  $('folio-input').value = folio;
  const code = saved && saved.folio === folio ? saved.resumeToken : '';
  $('code-input').value = code || '';
  asked = { folio, resumeCode: code || null };
}
