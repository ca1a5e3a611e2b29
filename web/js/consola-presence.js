// Console: who is connected (`console.presence`): officials by name, citizens and viewers counted.
import { el, setText } from './format.js';

const ROLE_NAMES = { mayor: 'Presidencia', director: 'Dirección', moderator: 'Moderación' };
const $ = (id) => document.getElementById(id);
const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);

function plural(n, one, many) {
  return `${n.toLocaleString('es-MX')} ${n === 1 ? one : many}`;
}

/** Renders the list; `me` is the signed-in official, marked as «tú». */
export function renderPresence(msg, me) {
  const officials = Array.isArray(msg && msg.officials) ? msg.officials : [];
  $('presence-officials').replaceChildren(...officials.map((o) => {
    const consoles = count(o.consoles);
    const where = [o.department || ROLE_NAMES[o.role], consoles > 1 ? plural(consoles, 'consola', 'consolas') : null]
      .filter(Boolean).join(' · ');
    return el('li', {},
      el('span', { class: 'presence-name', text: o.name || o.id || '—' }),
      me && o.id === me.id ? ' (tú)' : null,
      where ? el('span', { class: 'presence-where', text: where }) : null);
  }));
  setText($('presence-citizens'), plural(count(msg && msg.citizens), 'conexión', 'conexiones'));
  setText($('presence-viewers'), plural(count(msg && msg.viewers), 'pantalla', 'pantallas'));
}
