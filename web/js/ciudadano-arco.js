// «Mis datos»: ARCO rights from the citizen page. With the folio and the tracking code
// (the resume token this device keeps) a citizen sees everything held about them, corrects
// it or cancels it. Each request goes over a short connection of its own, so it works the
// same from any device that has both codes.
import { SUBPROTOCOL, newRef, socketUrl } from './connection.js';
import { el, formatDateTime, outcomeLabel, setText } from './format.js';

const TOKEN_KEY = 'audiencia.ciudadano.resumeToken';
const CHANNEL_STATUS = { received: 'Recibida', in_process: 'En proceso', answered: 'Respondida' };
const TIMEOUT_MS = 10000;
const $ = (id) => document.getElementById(id);

function storedToken() {
  try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

/** Sends one ARCO request and resolves with the reply (`arco.data`, `ok` or `error`). */
function request(type, fields) {
  return new Promise((resolve) => {
    const ref = newRef('arco');
    let ws;
    const done = (reply) => {
      clearTimeout(timer);
      try { ws.close(1000); } catch { /* already closed */ }
      resolve(reply);
    };
    const timer = setTimeout(() => done({ type: 'error', message: 'El servidor no respondió. Inténtalo de nuevo.' }), TIMEOUT_MS);
    try {
      ws = new WebSocket(socketUrl(), SUBPROTOCOL);
    } catch {
      done({ type: 'error', message: 'Sin conexión con el servidor.' });
      return;
    }
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'hello', role: 'citizen' }));
      ws.send(JSON.stringify({ type, ref, ...fields }));
    };
    ws.onmessage = (event) => {
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg.ref === ref) done(msg);
    };
    ws.onerror = () => done({ type: 'error', message: 'Sin conexión con el servidor.' });
  });
}

function setupArco(panel) {
  const result = el('div', { id: 'arco-result', 'aria-live': 'polite' });
  const status = el('p', { id: 'arco-status', class: 'message', role: 'status' });
  const codes = el('ul', { class: 'arco-list' },
    el('li', {}, el('strong', { text: 'Folio: ' }), el('span', { id: 'arco-folio' })),
    el('li', {}, el('strong', { text: 'Código de seguimiento: ' }), el('span', { id: 'arco-code' })));
  const show = el('button', { type: 'button', class: 'secondary', id: 'arco-export', text: 'Ver mis datos' });
  const fix = el('button', { type: 'button', class: 'secondary', id: 'arco-rectify-open', text: 'Corregir mis datos' });
  const cancel = el('button', { type: 'button', class: 'danger', id: 'arco-cancel', text: 'Cancelar mis datos' });
  const form = el('form', { id: 'arco-rectify', hidden: true, novalidate: true },
    el('label', { for: 'arco-name', text: 'Nombre completo' }),
    el('input', { type: 'text', id: 'arco-name', maxlength: '80' }),
    el('label', { for: 'arco-contact' }, 'Teléfono o correo electrónico',
      el('span', { class: 'hint', text: 'Déjalo vacío para borrarlo.' })),
    el('input', { type: 'text', id: 'arco-contact', maxlength: '120' }),
    el('label', { for: 'arco-description', text: 'Descripción de tu petición' }),
    el('textarea', { id: 'arco-description', maxlength: '500' }),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'arco-rectify-send', text: 'Guardar corrección' })));
  let current = null;

  panel.replaceChildren(el('details', { class: 'card', id: 'arco' },
    el('summary', { text: 'Mis datos personales (derechos ARCO)' }),
    el('p', { class: 'small', text: 'Con tu folio y tu código de seguimiento puedes consultar todo lo que guardamos de ti, corregirlo o cancelarlo. Anota ambos: los necesitas para hacerlo desde otro dispositivo.' }),
    codes, el('div', { class: 'actions' }, show, fix, cancel), form, status, result));

  // On the citizen page: the folio shown and the code this device keeps. On the folio page
  // (petitions of the permanent channel): the folio and the code typed, or kept, there.
  const onFolioPage = panel.dataset.identity === 'folio';
  const identity = () => (onFolioPage
    ? { folio: ($('folio-input') && $('folio-input').value.trim().toUpperCase()) || '',
        resumeToken: ($('code-input') && $('code-input').value.trim()) || '' }
    : { folio: ($('folio') && $('folio').textContent.trim()) || '', resumeToken: storedToken() });
  panel.querySelector('details').addEventListener('toggle', () => {
    const { folio, resumeToken } = identity();
    setText($('arco-folio'), folio);
    setText($('arco-code'), resumeToken);
  });

  async function send(type, fields = {}) {
    const who = identity();
    if (!who.folio || !who.resumeToken) {
      status.textContent = onFolioPage
        ? 'Escribe arriba tu folio y tu código de seguimiento.'
        : 'Primero registra tu turno en este dispositivo.';
      return null;
    }
    status.textContent = 'Enviando…';
    const reply = await request(type, { ...who, ...fields });
    status.textContent = reply.type === 'error' ? (reply.message || 'No fue posible.') : '';
    return reply;
  }

  function render(data) {
    current = data;
    const p = data.personalData || {};
    const rows = [
      ['Nombre', p.cancelled ? 'Cancelado' : p.name],
      ['Contacto', p.cancelled ? 'Cancelado' : (p.contact || 'No lo diste')],
      ['Descripción', p.cancelled ? 'Cancelada' : p.description],
      ['Atención prioritaria', p.priorityReason || (data.priority ? 'Sí (motivo cancelado)' : 'No')],
      ['Colonia', data.colonia], ['Tema', data.service], ['Dependencia', data.department],
      ['Turno', data.turno], ['Registro', formatDateTime(data.checkedInAt)],
      ['Aviso de privacidad aceptado', data.consent ? `versión ${data.consent.noticeVersion}, ${formatDateTime(data.consent.at)}` : null],
      ['Consentimiento expreso (dato sensible)', data.sensitiveConsent ? `versión ${data.sensitiveConsent.noticeVersion}, ${formatDateTime(data.sensitiveConsent.at)}` : 'No aplica'],
      ['Resultado', data.resolution ? outcomeLabel(data.resolution.kind) : 'Pendiente'],
    ];
    // A petition of the permanent channel alone had no turno and no hearing outcome.
    const hearingOnly = new Set(['Turno', 'Resultado']);
    if (data.turno == null) rows.splice(0, rows.length, ...rows.filter(([k]) => !hearingOnly.has(k)));
    if (data.channel) {
      const last = data.channel.history[data.channel.history.length - 1];
      rows.push(['Seguimiento (atención permanente)',
        `${CHANNEL_STATUS[data.channel.status] || data.channel.status}, ${data.channel.department}${last && last.note ? ` — ${last.note}` : ''}`]);
    }
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    result.replaceChildren(
      // A plain list: long labels and values wrap well on a phone.
      el('ul', { class: 'arco-list', id: 'arco-data' },
        rows.map(([k, v]) => el('li', {}, el('strong', { text: `${k}: ` }), el('span', { text: v ?? '—' })))),
      el('a', { href: URL.createObjectURL(blob), download: `mis-datos-${data.folio}.json`, text: 'Descargar mis datos (JSON)' }));
    fix.disabled = cancel.disabled = !!p.cancelled;
  }

  show.addEventListener('click', async () => {
    const reply = await send('arco.export');
    if (reply && reply.type === 'arco.data') render(reply.data);
  });

  fix.addEventListener('click', async () => {
    if (!current) {
      const reply = await send('arco.export');
      if (!reply || reply.type !== 'arco.data') return;
      render(reply.data);
    }
    const p = current.personalData || {};
    $('arco-name').value = p.name || '';
    $('arco-contact').value = p.contact || '';
    $('arco-description').value = p.description || '';
    form.hidden = false;
    $('arco-name').focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const p = (current && current.personalData) || {};
    const changes = {};
    for (const [field, id] of [['name', 'arco-name'], ['contact', 'arco-contact'], ['description', 'arco-description']]) {
      const value = $(id).value.trim();
      if (value !== (p[field] || '')) changes[field] = value;
    }
    if (!Object.keys(changes).length) {
      status.textContent = 'No hay cambios que guardar.';
      return;
    }
    const reply = await send('arco.rectify', changes);
    if (reply && reply.type === 'arco.data') {
      form.hidden = true;
      render(reply.data);
      status.textContent = 'Tus datos se corrigieron.';
    }
  });

  cancel.addEventListener('click', async () => {
    const sure = window.confirm('Se borrarán tu nombre, tu contacto, la descripción y el motivo de prioridad. Si sigues en la fila, saldrás de ella; tu folio sigue vigente. ¿Cancelar tus datos?');
    if (!sure) return;
    const reply = await send('arco.cancel');
    if (reply && reply.type === 'ok') {
      form.hidden = true;
      const data = await send('arco.export');
      if (data && data.type === 'arco.data') render(data.data);
      status.textContent = 'Tus datos personales se cancelaron. Tu folio sigue vigente para dar seguimiento.';
    }
  });
}

const panel = $('arco-panel');
if (panel) setupArco(panel);
