// Officials' console: sign-in with a token, the room as sent in `console`, and the orders.
import { createConnection, newRef } from './connection.js';
import { setText, showConnectionStatus } from './format.js';
import { fetchDepartments } from './departments.js';
import { setupOutcomeForm } from './consola-outcome.js';
import { setupBacklog } from './consola-backlog.js';
import { renderAnnouncements, renderCounters, renderFloor, renderQueue, renderSession } from './consola-view.js';
import { renderPresence } from './consola-presence.js';
import { setupShortcuts } from './consola-keys.js';

const TOKEN_KEY = 'audiencia.consola.token';
const ROLE_NAMES = { mayor: 'Presidencia', director: 'Dirección', moderator: 'Moderación' };
const $ = (id) => document.getElementById(id);

let conn = null;
let me = null;
let lastFloor = null;
let departmentsLoaded = false;
const pending = new Map(); // ref → { label, onOk }
let statusTimer = null;

function readToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}
function writeToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* storage blocked */ }
}

/** Status area: errors stay, confirmations fade after a few seconds. */
function say(text, kind = 'info') {
  const area = $('status-area');
  clearTimeout(statusTimer);
  area.className = `message ${kind}`;
  area.textContent = text || '';
  if (kind === 'ok') statusTimer = setTimeout(() => { area.textContent = ''; }, 4000);
}

/** Sends an order with a unique ref; `label` describes it for the confirmation. */
function order(message, label, onOk) {
  const ref = newRef(message.type.replace(/\W/g, ''));
  if (!conn || !conn.send({ ...message, ref })) {
    say('Sin conexión con el servidor; espera a que se reconecte e inténtalo de nuevo.', 'error');
    return false;
  }
  pending.set(ref, { label, onOk });
  return true;
}

const outcome = setupOutcomeForm({
  send: (message, label) => order(message, label),
  onProblem: (text) => say(text, 'error'),
});

const backlog = setupBacklog({
  send: (message, label, onOk) => order(message, label, onOk),
  onProblem: (text) => say(text, 'error'),
});

function canRecord(floor) {
  return !!(me && floor && floor.petition && me.role !== 'moderator'
    && (me.role === 'mayor' || floor.officialId === me.id));
}

function showFloor(floor) {
  lastFloor = floor && floor.petition ? floor : null;
  renderFloor(lastFloor, me);
  outcome.setFloor(lastFloor, canRecord(lastFloor));
  if (!lastFloor) setText($('floor-brief'), '', '');
}

async function loadDepartments() {
  if (departmentsLoaded) return;
  departmentsLoaded = true;
  const list = await fetchDepartments();
  if (!list.length) departmentsLoaded = false; // try again on the next welcome
  outcome.setDepartments(list);
  backlog.setDepartments(list);
}

function showSignIn(message) {
  $('signin').hidden = false;
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('conn-status').hidden = true;
  setText($('who'), 'Consola de servidores públicos');
  setText($('signin-error'), message, '');
  $('token').value = '';
  $('token').focus();
}

function signOut(message) {
  if (conn) conn.close();
  conn = null;
  me = null;
  pending.clear();
  delete document.body.dataset.role;
  writeToken('');
  showSignIn(message);
}

function start(token) {
  if (conn) conn.close();
  $('signin').hidden = true;
  $('conn-status').hidden = false;
  $('sign-out').hidden = false;
  conn = createConnection({
    hello: () => ({ type: 'hello', role: 'official', token }),
    onStatus: (status) => showConnectionStatus($('conn-status'), status),
  });
  conn.onMessage('welcome', (msg) => {
    if (msg.role !== 'official' || !msg.official) return;
    me = msg.official;
    document.body.dataset.role = me.role || '';
    const role = ROLE_NAMES[me.role] ? ` · ${ROLE_NAMES[me.role]}` : '';
    setText($('who'), `${me.name || 'Servidor público'} — ${me.title || ''}${role}`);
    $('console').hidden = false;
    loadDepartments();
    backlog.setVisible(me.role !== 'moderator');
    if (me.role !== 'moderator') conn.send({ type: 'backlog.get', ref: newRef('backlog') });
  });
  conn.onMessage('console', (msg) => {
    renderSession(msg.session);
    renderCounters(msg.counters);
    showFloor(msg.floor);
    renderQueue(msg.queue);
    renderAnnouncements(msg.announcements);
  });
  conn.onMessage('console.presence', (msg) => renderPresence(msg, me));
  conn.onMessage('backlog', (msg) => backlog.render(msg));
  conn.onMessage('floor.brief', (msg) => {
    const p = msg.petition || {};
    setText($('floor-brief'), `Se te dio la palabra: turno ${p.turno ?? '—'}${p.service ? ` · ${p.service}` : ''}.`, '');
    showFloor(msg);
  });
  conn.onMessage('ok', (msg) => {
    const job = pending.get(msg.ref);
    if (!job) return;
    pending.delete(msg.ref);
    say(`Listo: ${job.label}.`, 'ok');
    if (job.onOk) job.onOk();
  });
  conn.onMessage('error', (msg) => {
    if (['invalid_token', 'token_expired', 'token_revoked'].includes(msg.code)) {
      signOut(msg.message || 'El token no es válido.');
      return;
    }
    if (msg.ref) pending.delete(msg.ref);
    say(msg.message || 'La acción no se pudo realizar.', 'error');
  });
}

$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) { setText($('signin-error'), 'Escribe tu token de acceso.', ''); return; }
  writeToken(token);
  setText($('signin-error'), '', '');
  start(token);
});

$('sign-out').addEventListener('click', () => signOut(''));

$('session-open').addEventListener('click', () => order({ type: 'session.open' }, 'sesión abierta'));
$('session-close').addEventListener('click', () => {
  const sure = window.confirm('¿Cerrar la sesión? Quienes siguen en la fila pasarán al canal de atención permanente.');
  if (sure) order({ type: 'session.close' }, 'sesión cerrada');
});

function callNext() { order({ type: 'queue.callNext' }, 'se llamó a la siguiente persona'); }
$('call-next').addEventListener('click', callNext);
$('no-show').addEventListener('click', () => {
  const p = lastFloor && lastFloor.petition;
  if (!p) { say('Nadie tiene la palabra.', 'error'); return; }
  if (window.confirm(`¿Registrar que el turno ${p.turno} no se presentó?`)) {
    order({ type: 'queue.noShow', folio: p.folio }, `turno ${p.turno} registrado como no presentado`);
  }
});
$('floor-take').addEventListener('click', () => order({ type: 'floor.take' }, 'tomaste la palabra'));

const announceText = $('announce-text');
announceText.addEventListener('input', () => {
  setText($('announce-count'), `${[...announceText.value].length} de 280 caracteres`);
});
$('announce-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = announceText.value.trim();
  if (!text) { say('Escribe el aviso.', 'error'); announceText.focus(); return; }
  order({ type: 'announce', text }, 'aviso publicado', () => {
    announceText.value = '';
    setText($('announce-count'), '0 de 280 caracteres');
  });
});

setupShortcuts({
  me: () => me,
  chooseOutcome: (value) => outcome.choose(value),
  unavailable: (text) => say(text, 'info'),
});

const saved = readToken();
if (saved) start(saved); else showSignIn('');
