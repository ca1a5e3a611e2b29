// Fetches the citizen catalog (departments, services with their guidance steps, colonias)
// once, through a short-lived citizen connection: the official console message does not
// carry it, but a citizen `welcome` does.
import { socketUrl, SUBPROTOCOL } from './connection.js';

const EMPTY = () => ({ departments: [], services: [], colonias: [] });

const byId = (list) => (Array.isArray(list) ? list.filter((x) => x && typeof x.id === 'string') : []);

/**
 * Resolves with { departments, services, colonias } from the citizen `welcome` (each list
 * keeps only entries with a string `id`), or empty lists on failure or timeout. Never rejects.
 */
export function fetchWelcomeCatalog(timeoutMs = 8000) {
  return new Promise((resolve) => {
    let ws;
    let timer = null;
    let done = false;
    const finish = (msg) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (ws) {
        ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
        try { ws.close(1000); } catch { /* already closed */ }
      }
      if (!msg) { resolve(EMPTY()); return; }
      resolve({
        departments: byId(msg.departments),
        services: byId(msg.services).map((s) => ({ ...s, steps: Array.isArray(s.steps) ? s.steps.filter(Boolean) : [] })),
        colonias: byId(msg.colonias),
      });
    };
    try {
      ws = new WebSocket(socketUrl(), SUBPROTOCOL);
    } catch {
      resolve(EMPTY());
      return;
    }
    timer = setTimeout(() => finish(null), timeoutMs);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'citizen' }));
    ws.onmessage = (event) => {
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg && msg.type === 'welcome') finish(msg);
      else if (msg && msg.type === 'error') finish(null);
    };
    ws.onerror = () => finish(null);
    ws.onclose = () => finish(null);
  });
}

/** Resolves with welcome.departments, or [] on failure or timeout. Never rejects. */
export function fetchDepartments(timeoutMs = 8000) {
  return fetchWelcomeCatalog(timeoutMs).then((catalog) => catalog.departments);
}
