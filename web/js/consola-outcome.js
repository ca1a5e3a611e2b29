// Console: the outcome form for the petition on the floor (answered_now, in_process, transferred).
import { civilDatePlus, el } from './format.js';

const $ = (id) => document.getElementById(id);
const FOLLOW_UP_DAYS = 10;

/**
 * @param {object} options
 * @param {(message: object, label: string) => boolean} options.send  sends with a ref
 * @param {(text: string) => void} options.onProblem  shows a validation problem
 */
export function setupOutcomeForm({ send, onProblem }) {
  const form = $('outcome-form');
  const answer = $('answer');
  const commitment = $('commitment');
  const commitDept = $('commit-dept');
  const transferDept = $('transfer-dept');
  const dueDate = $('due-date');
  let departments = [];
  let petition = null;

  function chosenOutcome() {
    const checked = form.querySelector('input[name="outcome"]:checked');
    return checked ? checked.value : 'answered_now';
  }

  function showFields() {
    const outcome = chosenOutcome();
    form.querySelectorAll('[data-for]').forEach((block) => { block.hidden = block.dataset.for !== outcome; });
  }

  function fillDepartments() {
    const current = petition ? petition.departmentId : null;
    const label = (d) => d.shortName || d.name || d.id;
    const keepCommit = commitDept.value;
    const keepTransfer = transferDept.value;
    const currentName = petition && petition.department ? ` (${petition.department})` : '';
    commitDept.replaceChildren(
      el('option', { value: '', text: `La misma área de la petición${currentName}` }),
      ...departments.map((d) => el('option', { value: d.id, text: label(d) })));
    transferDept.replaceChildren(
      el('option', { value: '', text: departments.length ? 'Elige el área' : 'Cargando áreas…' }),
      ...departments.filter((d) => d.id !== current).map((d) => el('option', { value: d.id, text: label(d) })));
    commitDept.value = keepCommit;
    if (commitDept.value !== keepCommit) commitDept.value = '';
    transferDept.value = keepTransfer;
    if (transferDept.value !== keepTransfer) transferDept.value = '';
  }

  function resetFor(newPetition) {
    petition = newPetition;
    form.reset();
    answer.value = '';
    commitment.value = '';
    dueDate.min = civilDatePlus(0);
    dueDate.value = civilDatePlus(FOLLOW_UP_DAYS);
    fillDepartments();
    showFields();
  }

  form.addEventListener('change', (event) => {
    if (event.target && event.target.name === 'outcome') showFields();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!petition || !petition.folio) { onProblem('Nadie tiene la palabra.'); return; }
    const outcome = chosenOutcome();
    const message = { type: 'outcome.record', folio: petition.folio, outcome };
    let label;
    if (outcome === 'answered_now') {
      const text = answer.value.trim();
      if (!text) { onProblem('Escribe la respuesta.'); answer.focus(); return; }
      message.answer = text;
      label = `respuesta registrada para el turno ${petition.turno}`;
    } else if (outcome === 'in_process') {
      const text = commitment.value.trim();
      if (!text) { onProblem('Escribe el compromiso.'); commitment.focus(); return; }
      if (!dueDate.value) { onProblem('Elige la fecha límite.'); dueDate.focus(); return; }
      message.commitment = text;
      message.dueDate = dueDate.value;
      if (commitDept.value) message.departmentId = commitDept.value;
      label = `turno ${petition.turno} en proceso`;
    } else {
      if (!transferDept.value) { onProblem('Elige el área a la que se turna.'); transferDept.focus(); return; }
      message.departmentId = transferDept.value;
      label = `turno ${petition.turno} turnado`;
    }
    send(message, label);
  });

  return {
    /** Shows the form for the petition on the floor when this official may record it. */
    setFloor(floor, canRecord) {
      const next = floor && floor.petition ? floor.petition : null;
      if (!next || !petition || next.folio !== petition.folio) resetFor(next);
      else if (next.departmentId !== petition.departmentId) { petition = next; fillDepartments(); }
      form.hidden = !(next && canRecord);
    },
    setDepartments(list) {
      departments = Array.isArray(list) ? list : [];
      fillDepartments();
    },
    /** Keyboard shortcuts: chooses `outcome` and focuses its first field. */
    choose(outcome) {
      if (form.hidden) return false;
      const radio = form.querySelector(`input[name="outcome"][value="${outcome}"]`);
      if (!radio) return false;
      radio.checked = true;
      showFields();
      const field = { answered_now: answer, in_process: commitment, transferred: transferDept }[outcome];
      field.focus();
      return true;
    },
  };
}
