// The permanent channel in the console: the official's backlog (their department's open
// petitions, every department's for the mayor; overdue first) and the form that moves a
// petition on: in process with a commitment and a date, answered, or transferred.
import { el, formatCivilDate, formatDateTime, setText } from './format.js';

const STATUS = { received: 'Recibida', in_process: 'En proceso', answered: 'Respondida' };
const $ = (id) => document.getElementById(id);

/**
 * @param {object} options
 * @param {(message: object, label: string, onOk?: () => void) => boolean} options.send
 * @param {(text: string) => void} options.onProblem
 */
export function setupBacklog({ send, onProblem }) {
  const form = $('backlog-form');
  const kind = $('backlog-status');

  function showFields() {
    const value = kind.value;
    $('backlog-due-field').hidden = value !== 'in_process';
    $('backlog-department-field').hidden = value !== 'transferred';
    setText($('backlog-text-label'), value === 'answered' ? 'Respuesta' : value === 'transferred' ? 'Motivo del turno' : 'Compromiso', '');
  }
  kind.addEventListener('change', showFields);
  showFields();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const folio = $('backlog-folio').value;
    const text = $('backlog-text').value.trim();
    if (!folio) { onProblem('Elige una petición de la lista.'); return; }
    if (!text) { onProblem('Escribe el texto que leerá la persona.'); $('backlog-text').focus(); return; }
    const message = { type: 'petition.update', folio, status: kind.value };
    if (kind.value === 'in_process') {
      message.commitment = text;
      message.dueDate = $('backlog-due').value;
      if (!message.dueDate) { onProblem('Elige la fecha compromiso.'); return; }
    } else if (kind.value === 'answered') {
      message.answer = text;
    } else {
      message.note = text;
      message.departmentId = $('backlog-department').value;
    }
    send(message, `folio ${folio} actualizado`, () => { $('backlog-text').value = ''; });
  });

  return {
    /** Shows the section only to those who have a backlog (directors and the mayor). */
    setVisible(visible) { $('backlog-section').hidden = !visible; },

    setDepartments(list) {
      const options = (list || []).map((d) => el('option', { value: d.id, text: d.shortName || d.name || d.id }));
      $('backlog-department').replaceChildren(...options);
    },

    render(msg) {
      const items = Array.isArray(msg.items) ? msg.items : [];
      const overdue = items.filter((item) => item.overdue).length;
      setText($('backlog-count'), `(${items.length} abiertas${overdue ? `, ${overdue} vencidas` : ''})`, '');
      $('backlog').replaceChildren(...items.map((item) => el('tr', { dataset: item.overdue ? { overdue: 'true' } : null },
        el('td', { text: item.folio }),
        el('td', { text: STATUS[item.status] || item.status }),
        el('td', {}, formatCivilDate(item.dueDate) || '—', item.overdue ? el('strong', { class: 'overdue', text: ' · vencida' }) : null),
        el('td', { text: item.department }),
        el('td', { text: item.name }),
        el('td', { text: item.colonia }),
        el('td', { text: item.service }),
        el('td', { text: item.description }),
        el('td', { text: `${formatDateTime(item.lastChange && item.lastChange.at) || ''} · ${(item.lastChange && item.lastChange.note) || ''}` }))));
      const chosen = $('backlog-folio').value;
      $('backlog-folio').replaceChildren(el('option', { value: '', text: 'Elige un folio' }),
        ...items.map((item) => el('option', { value: item.folio, text: `${item.folio} · ${item.name}`, selected: item.folio === chosen })));
    },
  };
}
