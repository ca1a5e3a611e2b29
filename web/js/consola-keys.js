// Console keyboard shortcuts. One table drives the keys, the list shown on the page and the
// buttons' aria-keyshortcuts, so what is listed is what works.
import { el } from './format.js';

const $ = (id) => document.getElementById(id);

// `role`: only that role sees and may use it; `recorder`: officials who record outcomes.
const SHORTCUTS = [
  { key: 'n', label: 'Llamar siguiente', role: 'moderator', button: 'call-next' },
  { key: 'p', label: 'No se presentó', role: 'moderator', button: 'no-show' },
  { key: 't', label: 'Tomar la palabra', role: 'mayor', button: 'floor-take' },
  { key: 'a', label: 'Resultado: atendida de inmediato', recorder: true, outcome: 'answered_now' },
  { key: 'e', label: 'Resultado: en proceso', recorder: true, outcome: 'in_process' },
  { key: 'o', label: 'Resultado: turnar a otra área', recorder: true, outcome: 'transferred' },
  { key: 'v', label: 'Escribir un aviso', role: 'moderator', focus: 'announce-text' },
  { key: 'f', label: 'Ir a la fila', focus: 'queue-wrap' },
];

const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;

function visible(node) {
  return !!node && node.getClientRects().length > 0;
}

function allowed(shortcut, me) {
  if (shortcut.role) return me.role === shortcut.role;
  if (shortcut.recorder) return me.role !== 'moderator';
  return true;
}

function legendClass(shortcut) {
  if (shortcut.role) return `${shortcut.role}-only`;
  return shortcut.recorder ? 'recorder-only' : null;
}

/**
 * @param {object} options
 * @param {() => object|null} options.me  the signed-in official, or null
 * @param {(outcome: string) => boolean} options.chooseOutcome  opens the outcome form on it
 * @param {(text: string) => void} options.unavailable  says why a shortcut did nothing
 */
export function setupShortcuts({ me, chooseOutcome, unavailable }) {
  $('shortcut-list').replaceChildren(...SHORTCUTS.map((s) =>
    el('li', { class: legendClass(s) }, el('kbd', { text: s.key.toUpperCase() }), ` ${s.label}`)));
  for (const s of SHORTCUTS) {
    if (s.button) $(s.button).setAttribute('aria-keyshortcuts', s.key.toUpperCase());
  }

  function run(shortcut) {
    if (shortcut.button) {
      const button = $(shortcut.button);
      if (!visible(button) || button.disabled) return false;
      button.click();
      return true;
    }
    if (shortcut.outcome) return chooseOutcome(shortcut.outcome);
    const target = $(shortcut.focus);
    if (!visible(target)) return false;
    target.focus();
    return true;
  }

  document.addEventListener('keydown', (event) => {
    const official = me();
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || !official) return;
    const target = event.target;
    const typing = target && (target.isContentEditable || TYPING.test(target.tagName));
    if (typing) {
      // Esc leaves a text field, so the shortcuts work again; what was typed stays.
      if (event.key === 'Escape' && target.tagName !== 'SELECT') target.blur();
      return;
    }
    const shortcut = SHORTCUTS.find((s) => s.key === event.key.toLowerCase());
    if (!shortcut || !allowed(shortcut, official)) return;
    event.preventDefault();
    if (!run(shortcut)) unavailable(`«${shortcut.label}» no está disponible en este momento.`);
  });
}
