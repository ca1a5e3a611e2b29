// Public feed: the board, the announcements and the recent timeline, re-rendered on each message.
import { createConnection } from './connection.js';
import {
  citizenLabel, el, formatDateTime, formatTime, minutesValue, phaseLabel, setText,
  showConnectionStatus, timelineSentence,
} from './format.js';

const MAX_RECENT = 30;
const MAX_ANNOUNCEMENTS = 5;
const $ = (id) => document.getElementById(id);
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

let lastSeq = null;
let epoch = null; // the server run the seq numbers belong to
let recent = [];
let announcements = [];

const conn = createConnection({
  hello() {
    // Coming back after a drop: ask for just what was missed (or a fresh snapshot).
    if (epoch !== null && lastSeq !== null) return { type: 'hello', role: 'viewer', epoch, seq: lastSeq };
    return { type: 'hello', role: 'viewer' };
  },
  onStatus: (status) => showConnectionStatus($('conn-status'), status),
});

function byNewest(list) {
  return list
    .filter((item) => item && typeof item === 'object')
    .map((item, i) => ({ item, t: Date.parse(item.at), i }))
    .sort((a, b) => (Number.isNaN(b.t) || Number.isNaN(a.t) ? b.i - a.i : b.t - a.t || b.i - a.i))
    .map((x) => x.item);
}

function renderSession(session) {
  const s = session || {};
  const badge = $('phase');
  badge.dataset.phase = s.phase || 'closed';
  setText(badge, phaseLabel(s.phase));
  let detail;
  if (s.phase === 'live') {
    detail = s.endsAt ? `La audiencia está en vivo hasta las ${formatTime(s.endsAt)} h.` : 'La audiencia está en vivo.';
  } else if (s.phase === 'check_in') {
    detail = s.startsAt ? `Registro abierto. La audiencia empieza a las ${formatTime(s.startsAt)} h.` : 'Registro abierto.';
  } else {
    const next = formatDateTime(s.nextSessionStart);
    detail = next ? `Próxima audiencia: ${next} h.` : 'No hay sesión abierta en este momento.';
  }
  setText($('session-detail'), detail);
}

function renderFloor(floor) {
  const box = $('floor');
  if (!floor) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Nadie tiene la palabra en este momento.' }));
    return;
  }
  const official = floor.official || {};
  const name = official.name || floor.officialName || '';
  const title = official.title || floor.officialTitle || '';
  const since = formatTime(floor.since);
  box.replaceChildren(
    name ? el('span', { class: 'official', text: name }) : null,
    title ? el('span', { class: 'muted', text: title }) : null,
    el('span', { class: 'citizen', text: citizenLabel(floor) || 'Turno en curso' }),
    floor.department ? el('span', { class: 'muted', text: floor.department }) : null,
    since ? el('span', { class: 'muted small', text: `Desde las ${since} h` }) : null);
}

function renderCounters(counters) {
  const c = counters || {};
  const pct = num(c.answeredNowPercent);
  const answered = num(c.answeredNow);
  const items = [
    ['Atendidas', num(c.attended)],
    ['Respondidas de inmediato', answered === null ? null
      : `${answered}${pct === null ? '' : `\u00a0·\u00a0${pct.toLocaleString('es-MX')}\u00a0%`}`],
    ['En proceso', num(c.inProcess)],
    ['Turnadas', num(c.transferred)],
    ['Espera promedio', num(c.meanWaitSeconds) === null ? null : minutesValue(c.meanWaitSeconds)],
  ];
  $('counters').replaceChildren(...items.map(([label, value]) =>
    el('div', {}, el('dt', { text: label }), el('dd', {}, value === null ? '—' : value))));
}

function renderBoard(board) {
  const b = board || {};
  renderSession(b.session);
  renderFloor(b.floor || null);
  setText($('queue-length'), num(b.queueLength));
  renderCounters(b.counters);
  if (Array.isArray(b.announcements)) announcements = byNewest(b.announcements);
}

function renderAnnouncements() {
  const items = announcements.slice(0, MAX_ANNOUNCEMENTS);
  if (!items.length) {
    $('announcements').replaceChildren(el('li', { class: 'muted', text: 'Sin avisos por ahora.' }));
    return;
  }
  $('announcements').replaceChildren(...items.map((a) => el('li', {},
    formatTime(a.at) ? el('time', { datetime: a.at, text: `${formatTime(a.at)} h` }) : null,
    a.text || '')));
}

function renderTimeline() {
  const items = recent.map((entry) => {
    const sentence = timelineSentence(entry);
    if (!sentence) return null;
    const time = formatTime(entry.at);
    return el('li', {}, time ? el('time', { datetime: entry.at, text: time }) : null, sentence);
  }).filter(Boolean);
  $('timeline').replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: 'Todavía no hay actividad.' })]));
}

conn.onMessage('feed.snapshot', (msg) => {
  lastSeq = num(msg.seq);
  epoch = typeof msg.epoch === 'string' ? msg.epoch : null;
  announcements = Array.isArray(msg.announcements) ? byNewest(msg.announcements) : [];
  recent = Array.isArray(msg.recent) ? byNewest(msg.recent).slice(0, MAX_RECENT) : [];
  renderBoard(msg.board);
  renderAnnouncements();
  renderTimeline();
});

conn.onMessage('feed.event', (msg) => {
  const seq = num(msg.seq);
  if (lastSeq === null || seq === null || seq !== lastSeq + 1) {
    // Missed something (or no snapshot yet): start over with a fresh snapshot.
    lastSeq = null;
    epoch = null;
    conn.reconnect();
    return;
  }
  lastSeq = seq;
  const entry = msg.entry && typeof msg.entry === 'object' ? msg.entry : null;
  if (entry) {
    recent = [entry, ...recent].slice(0, MAX_RECENT);
    if (entry.kind === 'announcement' && entry.text) {
      announcements = [{ at: entry.at, text: entry.text }, ...announcements];
    }
  }
  if (Array.isArray(msg.announcements)) announcements = byNewest(msg.announcements);
  renderBoard(msg.board);
  renderAnnouncements();
  renderTimeline();
  // One sentence per event for screen readers; the board itself is re-drawn silently.
  if (entry) setText($('feed-announcer'), timelineSentence(entry), '');
});
