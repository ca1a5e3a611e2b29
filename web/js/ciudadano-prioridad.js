// The priority lane on the check-in form: the reason is sensitive personal data, so it comes
// with its own express consent, apart from the general notice, shown only when asked for.
import { el } from './format.js';

/** Builds the priority fieldset inside `form`, before `before`, and returns its controls. */
export function setupPriority(form, before) {
  const wants = el('input', { type: 'checkbox', id: 'priority' });
  const reason = el('select', { id: 'priority-reason' });
  const consentText = el('p', { class: 'notice-text small', id: 'priority-consent-text' });
  const consent = el('input', { type: 'checkbox', id: 'priority-consent' });
  const details = el('div', { id: 'priority-details', hidden: true },
    el('label', { for: 'priority-reason', text: 'Motivo' }), reason, consentText,
    el('label', { class: 'inline', for: 'priority-consent' }, consent,
      el('span', { text: 'Doy mi consentimiento expreso para que se trate este dato sensible' })));
  const box = el('fieldset', { id: 'priority-box', hidden: true },
    el('legend', { text: 'Atención prioritaria' }),
    el('label', { class: 'inline', for: 'priority' }, wants,
      el('span', {}, 'Necesito atención prioritaria',
        el('span', { class: 'hint', text: 'Opcional. Para personas con discapacidad, adultas mayores, embarazadas o con un bebé en brazos.' }))),
    details);
  form.insertBefore(box, before);
  wants.addEventListener('change', () => { details.hidden = !wants.checked; });

  return {
    /** `welcome.privacy`: the reasons and the consent text; no reasons, no priority lane. */
    setPolicy(privacy) {
      const reasons = Array.isArray(privacy && privacy.priorityReasons) ? privacy.priorityReasons : [];
      reason.replaceChildren(el('option', { value: '', text: 'Elige el motivo' }),
        ...reasons.map((r) => el('option', { value: r.id, text: r.label })));
      consentText.textContent = (privacy && privacy.sensitiveConsent) || '';
      box.hidden = reasons.length === 0;
    },
    validate() {
      if (!wants.checked) return '';
      if (!reason.value) return 'Elige el motivo de la atención prioritaria.';
      if (!consent.checked) return 'Para pedir atención prioritaria, da tu consentimiento expreso para ese dato sensible.';
      return '';
    },
    /** The `priority` member of `checkin`, or null for the ordinary queue. */
    value() {
      return wants.checked ? { reasonId: reason.value, consentAccepted: consent.checked } : null;
    },
    reset() {
      wants.checked = false;
      consent.checked = false;
      reason.value = '';
      details.hidden = true;
    },
  };
}
