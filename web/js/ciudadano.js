// Citizen page: consent, check-in, then the live view of the turn with guidance.
import { createConnection, newRef } from './connection.js';
import { el, formatDateTime, formatMinutes, formatTime, phaseLabel, setText, showConnectionStatus } from './format.js';
import { setupCheckinForm } from './ciudadano-form.js';
import { ringFor, setupNextAlert } from './ciudadano-alert.js';
import { CHANNEL_KEY } from './canal.js';

const TOKEN_KEY = 'audiencia.ciudadano.resumeToken';
const $ = (id) => document.getElementById(id);

const OUTCOME_KEYS = {
  answered: 'Atendida de inmediato',
  inProcess: 'En proceso',
  noShow: 'No se presentó',
  left: 'Se retiró',
  carriedForward: 'Canalizada a atención permanente',
  sessionClosed: 'Audiencia concluida',
};
const STAGE_LABELS = { waiting: 'En la fila', on_floor: 'Con la palabra', concluded: 'Concluida' };
const STEP_STATES = { done: 'hecho', current: 'paso actual', pending: 'pendiente' };

let token = readToken();
let welcomeSeen = false;
let resumePending = false;
let lastKey = null;
let concluded = false;
/** The session's phase: while it is closed the form goes to the permanent channel. */
let phase = null;

function readToken() {
  try { return localStorage.getItem(TOKEN_KEY) || null; } catch { return null; }
}
function storeToken(value) {
  token = value || null;
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token); else localStorage.removeItem(TOKEN_KEY);
  } catch { /* storage blocked: the turn still works on this page */ }
}

const form = setupCheckinForm({
  onSubmit: (message) => conn.send({ ...message, type: phase === 'closed' ? 'channel.checkin' : message.type, ref: newRef('c') }),
});

const conn = createConnection({
  hello() {
    welcomeSeen = false;
    resumePending = !!token;
    $('resuming').hidden = !resumePending;
    return token ? { type: 'hello', role: 'citizen', resumeToken: token } : { type: 'hello', role: 'citizen' };
  },
  onStatus: (status) => showConnectionStatus($('conn-status'), status),
});

function showView(view) {
  const checkin = view === 'checkin';
  $('step-consent').hidden = !checkin;
  if (!checkin) $('step-form').hidden = true;
  else $('step-form').hidden = !$('consent').checked;
  $('live').hidden = view !== 'live';
  $('resuming').hidden = view !== 'loading';
}

function renderSession(session) {
  if (!session) return;
  phase = session.phase;
  setText($('session-phase'), phaseLabel(session.phase));
  form.setPhase(session.phase === 'closed' ? 'channel' : session.phase);
  let detail;
  if (session.phase === 'live') {
    detail = session.endsAt ? `La audiencia está en vivo hasta las ${formatTime(session.endsAt)} h.` : 'La audiencia está en vivo.';
  } else if (session.phase === 'check_in') {
    detail = session.startsAt
      ? `El registro está abierto. La audiencia empieza a las ${formatTime(session.startsAt)} h; puedes registrarte desde ahora.`
      : 'El registro está abierto; puedes registrarte desde ahora.';
  } else {
    const next = formatDateTime(session.nextSessionStart);
    detail = (next ? `No hay sesión abierta. Próxima audiencia: ${next} h.` : 'No hay sesión abierta en este momento.')
      + ' Puedes enviar tu petición a la atención ciudadana permanente: recibirás un folio para consultar su avance.';
  }
  setText($('session-detail'), detail);
}

function showReceipt(msg) {
  setText($('turno'), msg.turno);
  setText($('folio'), msg.folio);
  setText($('stage'), STAGE_LABELS[msg.stage]);
  setText($('position'), msg.position);
  setConcluded(msg.stage === 'concluded');
}

function setConcluded(value) {
  concluded = value;
  $('leave').hidden = value;
  $('new-petition').hidden = !value;
}

function renderSteps(steps) {
  const items = (Array.isArray(steps) ? steps : []).map((step) => {
    const state = STEP_STATES[step && step.state] ? step.state : 'pending';
    return el('li', { dataset: { state }, 'aria-current': state === 'current' ? 'step' : null },
      el('span', { class: 'step-title', text: (step && step.title) || '' }),
      step && step.detail ? el('span', { class: 'step-detail', text: step.detail }) : null,
      el('span', { class: 'visually-hidden', text: ` (${STEP_STATES[state]})` }));
  });
  $('steps').replaceChildren(...items);
}

function renderGuidance(g) {
  setText($('prompt'), g.prompt, 'Esperando indicaciones…');
  renderSteps(g.steps);
  const waiting = typeof g.position === 'number';
  setText($('position'), waiting ? g.position : null);
  const minutes = g.estimatedWaitMinutes;
  const wait = typeof minutes === 'number' && Math.round(minutes) >= 1 ? `unos ${formatMinutes(minutes)}` : formatMinutes(minutes);
  setText($('wait'), waiting && typeof minutes === 'number' ? wait : null);

  if (g.key === 'onFloor') setText($('stage'), STAGE_LABELS.on_floor);
  else if (waiting || g.key === 'next' || g.key === 'transferred') setText($('stage'), STAGE_LABELS.waiting);

  const alert = $('next-alert');
  const changed = g.key !== lastKey;
  lastKey = g.key;
  if (g.key === 'next' || g.key === 'onFloor') {
    alert.textContent = g.key === 'next'
      ? '¡Sigues tú! Ten listos tus documentos y acércate al módulo.'
      : '¡Es tu turno! Tienes la palabra.';
    if (changed) ringFor(g.key);
  } else {
    alert.textContent = '';
  }

  const label = OUTCOME_KEYS[g.key];
  if (label) {
    setText($('outcome-title'), label);
    setText($('outcome-text'), g.prompt, '');
    $('outcome').hidden = false;
    setText($('stage'), STAGE_LABELS.concluded);
    setConcluded(true);
    if (g.key === 'sessionClosed' || g.key === 'carriedForward') {
      setText($('session-phase'), phaseLabel('closed'));
    }
  } else {
    $('outcome').hidden = true;
    if (g.key === 'sessionOpened') {
      setText($('session-phase'), phaseLabel('live'));
      setText($('session-detail'), 'La audiencia está en vivo.');
    }
  }
}

function clearLive() {
  lastKey = null;
  ['turno', 'folio', 'position', 'wait', 'stage'].forEach((id) => setText($(id), null));
  setText($('prompt'), null, 'Esperando indicaciones…');
  $('steps').replaceChildren();
  $('next-alert').textContent = '';
  $('outcome').hidden = true;
  $('live-error').textContent = '';
  setConcluded(false);
}

conn.onMessage('welcome', (msg) => {
  if (msg.role && msg.role !== 'citizen') return;
  welcomeSeen = true;
  renderSession(msg.session);
  if ($('live').hidden) form.setCatalog(msg);
  if (!resumePending && $('live').hidden) showView('checkin');
});

function onReceipt(msg) {
  resumePending = false;
  if (!welcomeSeen) {
    // A resume may come without `welcome`: the turn itself says the session is open.
    setText($('session-phase'), msg.stage === 'concluded' ? null : 'Abierta');
    setText($('session-detail'), 'Recuperamos tu turno; aquí verás cómo avanza.');
  }
  if (msg.resumeToken) storeToken(msg.resumeToken);
  showReceipt(msg);
  showView('live');
  // Concluded: the petition may have moved on in the permanent channel since.
  if (msg.stage === 'concluded' && token) conn.send({ type: 'folio.status', folio: msg.folio, resumeCode: token, ref: newRef('f') });
}

conn.onMessage('checkin.accepted', (msg) => {
  form.reset();
  clearLive();
  onReceipt(msg);
});
conn.onMessage('resumed', onReceipt);

// After the hearing the petition goes on in the permanent channel: each change arrives here.
const CHANNEL_STATUS = { received: 'En atención permanente', in_process: 'En proceso', answered: 'Respondida' };
conn.onMessage('folio.status', (msg) => {
  if (msg.folio !== $('folio').textContent || !msg.withNotes) return;
  setText($('outcome-title'), CHANNEL_STATUS[msg.status] || 'Seguimiento');
  setText($('outcome-text'), msg.nextStep, '');
  setText($('prompt'), msg.nextStep, 'Esperando indicaciones…');
  $('outcome').hidden = false;
});

// A petition sent to the permanent channel is followed on the folio page.
conn.onMessage('channel.received', (msg) => {
  try {
    localStorage.setItem(CHANNEL_KEY, JSON.stringify({ folio: msg.folio, resumeToken: msg.resumeToken }));
  } catch { /* storage blocked: the folio is in the address */ }
  location.assign(`folio.html?folio=${encodeURIComponent(msg.folio)}`);
});
conn.onMessage('guidance', renderGuidance);

conn.onMessage('error', (msg) => {
  if (msg.code === 'unknown_resume_token') {
    storeToken(null);
    resumePending = false;
    clearLive();
    if (welcomeSeen) showView('checkin'); else conn.reconnect();
    return;
  }
  const text = msg.message || 'Ocurrió un error. Inténtalo de nuevo.';
  if (!$('live').hidden) setText($('live-error'), text, '');
  else form.showError(text);
});

$('leave').addEventListener('click', () => {
  if (concluded) return;
  const sure = window.confirm('¿Seguro que quieres salir de la fila? Tu petición no se pierde: sigue en el canal permanente con tu folio.');
  if (!sure) return;
  if (!conn.send({ type: 'leave', ref: newRef('l') })) {
    setText($('live-error'), 'Sin conexión con el servidor. Espera a que se reconecte e inténtalo de nuevo.', '');
  }
});

$('new-petition').addEventListener('click', () => {
  const sure = window.confirm('Tu folio actual seguirá vigente. ¿Quieres registrar una nueva petición? Anota tu folio antes de continuar.');
  if (!sure) return;
  storeToken(null);
  clearLive();
  showView('loading');
  conn.reconnect();
});

setupNextAlert();
showView(token ? 'loading' : 'none');
