// Console: rendering of the session, counters, floor, queue and announcements.
import {
  el, formatDateTime, formatElapsedSince, formatTime, minutesValue, phaseLabel, setText,
} from './format.js';

const $ = (id) => document.getElementById(id);
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

let floorSince = null;
setInterval(tickTimer, 1000);

function tickTimer() {
  const timer = $('floor-timer');
  if (!timer) return;
  timer.hidden = !floorSince;
  if (floorSince) timer.textContent = formatElapsedSince(floorSince);
}

export function renderSession(session) {
  const s = session || {};
  setText($('session-phase'), phaseLabel(s.phase));
  $('session-open').disabled = s.phase === 'live';
  $('session-close').disabled = !s.phase || s.phase === 'closed';
  let detail = '';
  if (s.phase === 'closed') {
    const next = formatDateTime(s.nextSessionStart);
    detail = next ? `Próxima audiencia: ${next} h.` : 'No hay sesión abierta.';
  } else if (s.startsAt && s.endsAt) {
    detail = `Horario: ${formatTime(s.startsAt)} a ${formatTime(s.endsAt)} h.`;
  } else if (s.startsAt) {
    // Opened outside the schedule: it ends when the moderator closes it.
    detail = `Abierta desde las ${formatTime(s.startsAt)} h; la cierra la moderación.`;
  }
  setText($('session-detail'), detail, '');
}

export function renderCounters(counters) {
  const c = counters || {};
  const pct = num(c.answeredNowPercent);
  const items = [
    ['Registradas', num(c.checkedIn)],
    ['En espera', num(c.waiting)],
    ['Atendidas', num(c.attended)],
    ['Respondidas de inmediato', num(c.answeredNow) === null ? null
      : `${c.answeredNow}${pct === null ? '' : ` (${pct.toLocaleString('es-MX')}\u00a0%)`}`],
    ['En proceso', num(c.inProcess)],
    ['Turnadas', num(c.transferred)],
    ['No se presentaron', num(c.noShows)],
    ['Se retiraron', num(c.left)],
    ['Canalizadas', num(c.carriedForward)],
    ['Espera promedio', num(c.meanWaitSeconds) === null ? null : minutesValue(c.meanWaitSeconds)],
    ['Turno promedio', num(c.meanTurnSeconds) === null ? null : minutesValue(c.meanTurnSeconds)],
  ];
  $('counters').replaceChildren(...items.map(([label, value]) =>
    el('div', {}, el('dt', { text: label }), el('dd', {}, value === null ? '—' : value))));
}

function detailRow(label, value) {
  return [el('dt', { text: label }), el('dd', { text: value === null || value === undefined || value === '' ? '—' : value })];
}

/** Renders the floor; `me` is the signed-in official. */
export function renderFloor(floor, me) {
  const box = $('floor');
  const p = floor && floor.petition;
  floorSince = p ? floor.since || null : null;
  tickTimer();
  $('call-next').disabled = !!p;
  $('no-show').disabled = !p;
  $('floor-take').disabled = !p || (me && floor.officialId === me.id);
  if (!p) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Nadie tiene la palabra.' }));
    return;
  }
  const official = floor.official || {};
  const named = official.name ? `${official.name}, ${official.title || ''}` : floor.officialId;
  const withWhom = me && floor.officialId === me.id ? `Tú (${named})` : named;
  const checklist = (Array.isArray(floor.checklist) ? floor.checklist : []).map((step) =>
    el('li', {},
      el('span', { class: 'step-title', text: (step && step.title) || '' }),
      step && step.detail ? el('span', { class: 'step-detail', text: step.detail }) : null));
  box.replaceChildren(
    el('p', { class: 'floor-turno', text: `Turno ${p.turno ?? '—'}${p.priority ? ' · atención prioritaria' : ''}` }),
    el('dl', { class: 'details' },
      detailRow('Folio', p.folio),
      detailRow('Nombre', p.name),
      detailRow('Colonia', p.colonia),
      detailRow('Tema', p.service),
      detailRow('Área', p.transferred ? `${p.department || '—'} (turnada)` : p.department),
      p.contact ? detailRow('Contacto', p.contact) : null,
      detailRow('Atiende', withWhom),
      detailRow('Desde', formatTime(floor.since))),
    el('h3', { text: 'Descripción' }),
    el('p', { class: 'description', text: p.description || '—' }),
    checklist.length ? el('h3', { text: 'Lista de verificación' }) : null,
    checklist.length ? el('ol', { class: 'steps' }, checklist) : null);
}

export function renderQueue(queue) {
  const list = Array.isArray(queue) ? queue : [];
  setText($('queue-count'), `(${list.length} ${list.length === 1 ? 'persona' : 'personas'})`);
  $('call-next').disabled = $('call-next').disabled || list.length === 0;
  if (!list.length) {
    $('queue').replaceChildren(el('tr', {}, el('td', { colspan: 8, class: 'muted', text: 'No hay personas en la fila.' })));
    return;
  }
  const now = Date.now();
  $('queue').replaceChildren(...list.map((p, i) => {
    const since = Date.parse(p.checkedInAt);
    const minutes = Number.isNaN(since) ? null : Math.max(0, Math.round((now - since) / 60000));
    const waited = formatTime(p.checkedInAt) ? `${formatTime(p.checkedInAt)} h${minutes === null ? '' : ` (${minutes} min)`}` : '—';
    return el('tr', { class: p.transferred ? 'transferred' : null },
      el('td', { text: i + 1 }),
      el('td', {}, p.turno ?? '—', p.priority ? el('strong', { text: ' · prioritaria' }) : null),
      el('td', { text: p.name || '—' }),
      el('td', { text: p.colonia || '—' }),
      el('td', { text: p.service || '—' }),
      el('td', {}, p.department || '—', p.transferred ? el('strong', { text: ' · turnada' }) : null),
      el('td', { class: 'desc' }, el('span', { class: 'clamp', text: p.description || '—' })),
      el('td', { text: waited }));
  }));
}

export function renderAnnouncements(list) {
  // Newest first: by announcement number, else by arrival order.
  const items = (Array.isArray(list) ? list : [])
    .map((a, i) => ({ a: a || {}, key: typeof (a && a.number) === 'number' ? a.number : i }))
    .sort((x, y) => y.key - x.key).slice(0, 10).map((x) => x.a);
  $('announcements').replaceChildren(...items.map((a) =>
    el('li', {}, el('time', { datetime: a.at || null, text: formatTime(a.at) ? `${formatTime(a.at)} h` : '' }), a.text || '')));
}
