// Shared helpers: safe element creation and Spanish (Mexico) formatting.

export const TIME_ZONE = 'America/Mexico_City';

/**
 * Creates an element. Text is only ever set with textContent / text nodes.
 * attrs: { class, text, hidden, dataset: {...}, on: {event: fn}, ...attributes }
 * children: strings (become text nodes), nodes, or null/undefined (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (/^on/i.test(key) || key === 'style') continue; // never inline handlers or styles
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `node` (text or nodes), safely. */
export function setChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** Sets text, with a fallback for missing values. */
export function setText(node, value, fallback = '—') {
  if (!node) return;
  node.textContent = value === null || value === undefined || value === '' ? fallback : String(value);
}

const STATUS_TEXT = { conectando: 'Conectando…', conectado: 'Conectado', reconectando: 'Reconectando…' };

/** Shows the connection status ('conectando' | 'conectado' | 'reconectando') in a pill. */
export function showConnectionStatus(node, status) {
  if (!node) return;
  node.dataset.state = status;
  node.textContent = STATUS_TEXT[status] || String(status);
}

function parseInstant(iso) {
  if (typeof iso !== 'string') return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const timeFmt = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeFmt = new Intl.DateTimeFormat('es-MX', {
  timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  hour: '2-digit', minute: '2-digit', hour12: false,
});
const civilDateFmt = new Intl.DateTimeFormat('es-MX', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const isoDateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "16:05" in Mexico City time; '' when missing. */
export function formatTime(iso) {
  const date = parseInstant(iso);
  return date ? timeFmt.format(date) : '';
}

/** "martes, 1 de diciembre de 2026, 10:00" in Mexico City time; '' when missing. */
export function formatDateTime(iso) {
  const date = parseInstant(iso);
  return date ? dateTimeFmt.format(date) : '';
}

/** A civil date "YYYY-MM-DD" as "martes, 15 de diciembre de 2026"; the input if unparseable. */
export function formatCivilDate(ymd) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(ymd || ''));
  if (!match) return ymd ? String(ymd) : '';
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], 12));
  return civilDateFmt.format(date);
}

/** Today's date in Metepec as "YYYY-MM-DD", plus `days`. */
export function civilDatePlus(days = 0) {
  const [y, m, d] = isoDateFmt.format(new Date()).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** "1 minuto", "6 minutos", "menos de 1 minuto"; '—' when missing. */
export function formatMinutes(minutes) {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return '—';
  const m = Math.round(minutes);
  if (m < 1) return 'menos de 1 minuto';
  return m === 1 ? '1 minuto' : `${m} minutos`;
}

/**
 * Seconds as a compact value for a counter tile: "< 1 min", "5 min" on screen (long words
 * wrap in a tile), the whole words for screen readers. Returns nodes for el()/replaceChildren.
 */
export function minutesValue(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return ['—'];
  const m = Math.round(seconds / 60);
  return [
    el('span', { 'aria-hidden': 'true', text: m < 1 ? '< 1 min' : `${m} min` }),
    el('span', { class: 'visually-hidden', text: formatMinutes(seconds / 60) }),
  ];
}

/** Elapsed time "mm:ss" (or "h:mm:ss") since an instant. */
export function formatElapsedSince(iso, now = Date.now()) {
  const date = parseInstant(iso);
  if (!date) return '00:00';
  const total = Math.max(0, Math.floor((now - date.getTime()) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

const OUTCOMES = {
  answered_now: 'Atendida de inmediato',
  in_process: 'En proceso',
  transferred: 'Turnada',
  no_show: 'No se presentó',
  left: 'Se retiró',
  carried_forward: 'Canalizada a atención permanente',
};

/** Outcome kind → Spanish label. */
export function outcomeLabel(kind) {
  return OUTCOMES[kind] || '';
}

const PHASES = { closed: 'Cerrada', check_in: 'Registro abierto', live: 'En vivo' };

/** Session phase → Spanish label. */
export function phaseLabel(phase) {
  return PHASES[phase] || 'Desconocida';
}

/** "Turno 14 · Barrio de San Mateo · Bacheo" from whatever parts are present. */
export function citizenLabel(item) {
  if (!item) return '';
  const parts = [];
  if (item.turno !== null && item.turno !== undefined) parts.push(`Turno ${item.turno}`);
  if (item.colonia) parts.push(item.colonia);
  if (item.service) parts.push(item.service);
  return parts.join(' · ');
}

/** One public timeline entry as a Spanish sentence. */
export function timelineSentence(entry) {
  if (!entry || typeof entry !== 'object') return '';
  const who = citizenLabel(entry) || 'Una persona';
  const dept = entry.department ? ` (${entry.department})` : '';
  switch (entry.kind) {
    case 'session_opened': return 'Se abrió la sesión de la audiencia.';
    case 'session_live': return 'La audiencia está en vivo.';
    case 'checked_in': return `${who}: se registró en la fila.`;
    case 'called':
      return entry.official ? `${who}: pasa a la palabra con ${entry.official}.` : `${who}: pasa a la palabra.`;
    case 'floor_taken':
      return `${entry.official || 'La Presidenta Municipal'} toma la palabra con ${who}.`;
    case 'answered_now': return `${who}: atendida de inmediato${dept}.`;
    case 'in_process': {
      const due = entry.dueDate ? `; fecha límite: ${formatCivilDate(entry.dueDate)}` : '';
      return `${who}: en proceso${dept}${due}.`;
    }
    case 'transferred':
      return entry.department ? `${who}: turnada a ${entry.department}.` : `${who}: turnada a otra área.`;
    case 'moved': return `${who}: la moderación cambió su lugar en la fila.`;
    case 'no_show': return `${who}: no se presentó; su petición sigue en atención permanente.`;
    case 'left': return `${who}: se retiró de la fila; su petición sigue en atención permanente.`;
    case 'carried_forward': return `${who}: canalizada a atención permanente${dept}.`;
    case 'announcement': return entry.text ? `Aviso: ${entry.text}` : 'Nuevo aviso.';
    case 'session_closed': return 'Se cerró la sesión de la audiencia.';
    default: return outcomeLabel(entry.kind) ? `${who}: ${outcomeLabel(entry.kind)}.` : '';
  }
}
