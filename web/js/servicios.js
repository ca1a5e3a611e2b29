// "Trámites y servicios": the catalog of departments and services, with the guidance steps,
// read once from the citizen `welcome` message. Search is accent- and case-insensitive.
import { fetchWelcomeCatalog } from './departments.js';
import { el, setChildren } from './format.js';

const STAGES = [
  ['waiting', 'Antes de tu turno'],
  ['floor', 'Durante tu turno'],
  ['outcome', 'Después'],
];
const STAGE_LABEL = new Map(STAGES);
const OTHER_STAGE = 'Otros pasos';

const $ = (id) => document.getElementById(id);
const searchBox = $('search');
const countLine = $('result-count');
const catalogBox = $('catalog');
const loadMessage = $('load-message');
const retryBox = $('retry-box');
const noResults = $('no-results');

/** Lower case, no diacritics, single spaces: "Tesorería" → "tesoreria". */
export function normalize(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "1 trámite" / "5 trámites". */
function tramites(n) {
  return n === 1 ? '1 trámite' : `${n} trámites`;
}

function areas(n) {
  return n === 1 ? '1 área' : `${n} áreas`;
}

let entries = []; // { service, department, node, haystack }
let groups = []; // { node, entries }
let total = 0;

function domId(prefix, id) {
  return `${prefix}-${String(id).replace(/[^\w-]/g, '_')}`;
}

function renderSteps(service) {
  const byStage = new Map();
  for (const step of service.steps) {
    const key = STAGE_LABEL.has(step.stage) ? step.stage : 'other';
    if (!byStage.has(key)) byStage.set(key, []);
    byStage.get(key).push(step);
  }
  const order = [...STAGES.map(([key]) => key), 'other'];
  const blocks = [];
  for (const key of order) {
    const steps = byStage.get(key);
    if (!steps || steps.length === 0) continue;
    const labelId = domId(`etapa-${key}`, service.id);
    blocks.push(el('div', { class: 'stage', dataset: { stage: key } },
      el('h4', { class: 'stage-label', id: labelId, text: STAGE_LABEL.get(key) || OTHER_STAGE }),
      el('ol', { class: 'guide-steps', 'aria-labelledby': labelId },
        steps.map((step) => el('li', {},
          el('span', { class: 'step-title', text: step.title || '' }),
          step.detail ? el('span', { class: 'step-detail', text: step.detail }) : null)))));
  }
  if (blocks.length === 0) {
    blocks.push(el('p', { class: 'muted small', text: 'Sin pasos de orientación registrados.' }));
  }
  return blocks;
}

function render(catalog) {
  const departments = catalog.departments;
  const known = new Map(departments.map((d) => [d.id, d]));
  const servicesByDept = new Map(departments.map((d) => [d.id, []]));
  const orphans = [];
  for (const service of catalog.services) {
    if (servicesByDept.has(service.departmentId)) servicesByDept.get(service.departmentId).push(service);
    else orphans.push(service);
  }
  const sections = departments.map((d) => ({ department: d, services: servicesByDept.get(d.id) }));
  if (orphans.length) {
    sections.push({ department: { id: 'otras', name: 'Otras áreas', shortName: '' }, services: orphans });
  }

  entries = [];
  groups = [];
  const nodes = sections.map(({ department, services }) => {
    const headingId = domId('area', department.id);
    const groupEntries = [];
    const articles = services.map((service) => {
      const titleId = domId('tramite', service.id);
      const node = el('article', { class: 'service', dataset: { service: service.id }, 'aria-labelledby': titleId },
        el('h3', { id: titleId, text: service.name || service.id }),
        service.summary ? el('p', { class: 'service-summary', text: service.summary }) : null,
        renderSteps(service));
      const dept = known.get(service.departmentId) || department;
      const haystack = normalize([
        service.name, service.summary, dept.name, dept.shortName,
        ...service.steps.flatMap((s) => [s.title, s.detail]),
      ].filter(Boolean).join(' '));
      const entry = { service, department: dept, node, haystack };
      entries.push(entry);
      groupEntries.push(entry);
      return node;
    });
    const node = el('section', { class: 'card department', dataset: { department: department.id }, 'aria-labelledby': headingId },
      el('h2', { id: headingId },
        el('span', { class: 'department-name', text: department.name || department.id }),
        department.shortName ? el('span', { class: 'department-short small muted', text: department.shortName }) : null),
      articles.length ? el('div', { class: 'service-list' }, articles) : el('p', { class: 'muted small', text: 'Sin trámites registrados en esta área.' }));
    groups.push({ node, entries: groupEntries });
    return node;
  });
  total = entries.length;
  setChildren(catalogBox, nodes);
  catalogBox.removeAttribute('aria-busy');
  catalogBox.dataset.departments = String(departments.length);
  catalogBox.dataset.services = String(total);
}

function applyFilter() {
  const query = normalize(searchBox.value);
  const words = query ? query.split(' ') : [];
  let visible = 0;
  let visibleGroups = 0;
  for (const group of groups) {
    let shown = 0;
    for (const entry of group.entries) {
      const match = words.every((w) => entry.haystack.includes(w));
      entry.node.hidden = !match;
      if (match) shown += 1;
    }
    // With no query every area is listed, even one without services.
    group.node.hidden = words.length > 0 && shown === 0;
    if (!group.node.hidden) visibleGroups += 1;
    visible += shown;
  }
  noResults.hidden = !(words.length > 0 && visible === 0);
  countLine.dataset.visible = String(visible);
  countLine.dataset.total = String(total);
  if (!words.length) {
    countLine.textContent = `${tramites(total)} en ${areas(groups.length)}.`;
  } else if (visible === 0) {
    countLine.textContent = `Ningún trámite coincide con «${searchBox.value.trim()}» (de ${total}).`;
  } else {
    countLine.textContent = `${visible === 1 ? '1 trámite coincide' : `${visible} trámites coinciden`} con «${searchBox.value.trim()}» (de ${total}), en ${areas(visibleGroups)}.`;
  }
}

let filterTimer = null;
searchBox.addEventListener('input', () => {
  // A short pause so that screen readers announce the count once, not on every key.
  clearTimeout(filterTimer);
  filterTimer = setTimeout(applyFilter, 120);
});
searchBox.addEventListener('search', applyFilter);

async function load() {
  loadMessage.className = 'message';
  loadMessage.textContent = '';
  retryBox.hidden = true;
  countLine.textContent = 'Cargando el catálogo…';
  catalogBox.setAttribute('aria-busy', 'true');
  const catalog = await fetchWelcomeCatalog();
  if (catalog.departments.length === 0 && catalog.services.length === 0) {
    catalogBox.removeAttribute('aria-busy');
    countLine.textContent = 'El catálogo no está disponible.';
    loadMessage.className = 'message error';
    loadMessage.textContent = 'No pudimos cargar el catálogo de trámites. Revisa tu conexión e inténtalo de nuevo.';
    retryBox.hidden = false;
    return;
  }
  render(catalog);
  searchBox.disabled = false;
  const initial = new URLSearchParams(location.search).get('q');
  if (initial && !searchBox.value) searchBox.value = initial.slice(0, 80);
  applyFilter();
}

$('retry').addEventListener('click', load);
load();
