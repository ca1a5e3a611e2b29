// Citizen check-in: consent step, the petition form, filters and the sessionStorage draft.
import { el } from './format.js';
import { setupPriority } from './ciudadano-prioridad.js';

const DRAFT_KEY = 'audiencia.ciudadano.borrador';
const $ = (id) => document.getElementById(id);

/** Lowercase without accents, for forgiving search. */
function fold(text) {
  return String(text || '').normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

function loadDraft() {
  try { return JSON.parse(sessionStorage.getItem(DRAFT_KEY)) || {}; } catch { return {}; }
}

function saveDraft(draft) {
  try { sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft)); } catch { /* storage full or blocked */ }
}

/** Rebuilds a <select> keeping the chosen value if it is still offered. */
function fillSelect(select, placeholder, groups, wanted) {
  const nodes = [el('option', { value: '', text: placeholder })];
  let found = false;
  for (const group of groups) {
    const options = group.items.map((item) => {
      if (item.id === wanted) found = true;
      return el('option', { value: item.id, text: item.name });
    });
    if (!options.length) continue;
    nodes.push(group.label ? el('optgroup', { label: group.label }, options) : options);
  }
  select.replaceChildren(...nodes.flat());
  select.value = found ? wanted : '';
}

export function setupCheckinForm({ onSubmit }) {
  const form = $('checkin-form');
  const consent = $('consent');
  const fields = ['name', 'contact', 'description'].map($);
  const colonia = $('colonia');
  const service = $('service');
  const coloniaFilter = $('colonia-filter');
  const serviceFilter = $('service-filter');
  const error = $('form-error');
  const submit = $('submit');
  const priority = setupPriority(form, error);
  let catalog = { colonias: [], services: [], departments: [], version: null };
  let draft = loadDraft();
  let phase = null;
  let busy = false;

  function remember() {
    draft = {
      name: $('name').value, contact: $('contact').value, description: $('description').value,
      coloniaId: colonia.value || draft.coloniaId || '', serviceId: service.value || draft.serviceId || '',
      coloniaFilter: coloniaFilter.value, serviceFilter: serviceFilter.value,
      consentVersion: consent.checked ? catalog.version : null,
    };
    saveDraft(draft);
  }

  function renderColonias() {
    const q = fold(coloniaFilter.value);
    const items = catalog.colonias.filter((c) => !q || fold(c.name).includes(q));
    fillSelect(colonia, items.length ? 'Elige tu colonia' : 'Ninguna colonia coincide', [{ items }], colonia.value || draft.coloniaId);
    if (!colonia.value && q && items.length === 1) colonia.value = items[0].id;
  }

  function renderServices() {
    const q = fold(serviceFilter.value);
    const groups = catalog.departments.map((d) => {
      const label = d.shortName || d.name || d.id;
      const deptMatch = q && fold(`${label} ${d.name}`).includes(q);
      const items = catalog.services.filter((s) => s.departmentId === d.id
        && (!q || deptMatch || fold(`${s.name} ${s.summary || ''}`).includes(q)));
      return { label, items };
    });
    const known = new Set(catalog.departments.map((d) => d.id));
    const orphans = catalog.services.filter((s) => !known.has(s.departmentId) && (!q || fold(s.name).includes(q)));
    if (orphans.length) groups.push({ label: 'Otros', items: orphans });
    const any = groups.some((g) => g.items.length);
    fillSelect(service, any ? 'Elige el tema' : 'Ningún tema coincide', groups, service.value || draft.serviceId);
    showSummary();
  }

  function showSummary() {
    const chosen = catalog.services.find((s) => s.id === service.value);
    $('service-summary').textContent = chosen && chosen.summary ? chosen.summary : '';
  }

  function updateCount() {
    const n = [...$('description').value].length;
    $('description-count').textContent = `${n} de 500 caracteres`;
  }

  function showFormStep() {
    $('step-form').hidden = !consent.checked;
  }

  function updateSubmit() {
    submit.disabled = busy || phase === 'closed';
    submit.textContent = busy ? 'Enviando…' : phase === 'channel' ? 'Enviar mi petición' : 'Registrar mi turno';
  }

  function validate() {
    const name = $('name').value.trim();
    const description = $('description').value.trim();
    if (!consent.checked) return 'Para continuar, acepta el aviso de privacidad.';
    if ([...name].length < 2 || [...name].length > 80) return 'Escribe tu nombre (de 2 a 80 caracteres).';
    if (!colonia.value) return 'Elige tu colonia de la lista.';
    if ([...$('contact').value.trim()].length > 120) return 'El contacto no puede pasar de 120 caracteres.';
    if (!service.value) return 'Elige el tema de tu petición.';
    if (!description) return 'Describe tu petición (hasta 500 caracteres).';
    if ([...description].length > 500) return 'La descripción no puede pasar de 500 caracteres.';
    return priority.validate();
  }

  fields.forEach((f) => f.addEventListener('input', remember));
  $('description').addEventListener('input', updateCount);
  coloniaFilter.addEventListener('input', () => { renderColonias(); remember(); });
  serviceFilter.addEventListener('input', () => { renderServices(); remember(); });
  colonia.addEventListener('change', () => { draft.coloniaId = colonia.value; remember(); });
  service.addEventListener('change', () => { draft.serviceId = service.value; showSummary(); remember(); });
  consent.addEventListener('change', () => { showFormStep(); remember(); if (consent.checked) $('name').focus(); });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const problem = validate();
    error.textContent = problem;
    if (problem) return;
    const contact = $('contact').value.trim();
    const message = {
      type: 'checkin',
      consent: { accepted: true, noticeVersion: catalog.version },
      name: $('name').value.trim(),
      coloniaId: colonia.value,
      serviceId: service.value,
      description: $('description').value.trim(),
    };
    if (contact) message.contact = contact;
    if (priority.value()) message.priority = priority.value();
    busy = onSubmit(message) === true;
    if (!busy) error.textContent = 'Sin conexión con el servidor. Espera a que se reconecte e inténtalo de nuevo.';
    updateSubmit();
  });

  return {
    /** Fills the lists from `welcome` and restores the draft. */
    setCatalog(welcome) {
      const privacy = welcome.privacy || {};
      catalog = {
        colonias: Array.isArray(welcome.colonias) ? welcome.colonias : [],
        services: Array.isArray(welcome.services) ? welcome.services : [],
        departments: Array.isArray(welcome.departments) ? welcome.departments : [],
        version: privacy.version || null,
      };
      $('privacy-text').textContent = privacy.simplified || 'Aviso de privacidad no disponible.';
      priority.setPolicy(privacy);
      if (typeof privacy.fullUrl === 'string' && privacy.fullUrl.startsWith('/')) $('privacy-link').href = privacy.fullUrl;
      $('name').value = draft.name || '';
      $('contact').value = draft.contact || '';
      $('description').value = draft.description || '';
      coloniaFilter.value = draft.coloniaFilter || '';
      serviceFilter.value = draft.serviceFilter || '';
      // Consent is kept only for the same notice version the citizen saw.
      consent.checked = !!catalog.version && draft.consentVersion === catalog.version;
      renderColonias();
      renderServices();
      updateCount();
      showFormStep();
    },
    setPhase(newPhase) { phase = newPhase; updateSubmit(); },
    showError(message) { busy = false; updateSubmit(); error.textContent = message || ''; },
    /** After a successful check-in: forget the draft. */
    reset() {
      busy = false;
      draft = {};
      sessionStorage.removeItem(DRAFT_KEY);
      form.reset();
      consent.checked = false;
      priority.reset();
      error.textContent = '';
      updateSubmit();
    },
  };
}
