// Fetches the list of departments once, through a short-lived citizen connection:
// the official console message does not carry it, but a citizen `welcome` does.
import { socketUrl, SUBPROTOCOL } from './connection.js';

/** Resolves with welcome.departments, or [] on failure or timeout. Never rejects. */
export function fetchDepartments(timeoutMs = 8000) {
  return new Promise((resolve) => {
    let ws;
    let timer = null;
    const finish = (list) => {
      clearTimeout(timer);
      if (ws) {
        ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
        try { ws.close(1000); } catch { /* already closed */ }
      }
      resolve(Array.isArray(list) ? list.filter((d) => d && typeof d.id === 'string') : []);
    };
    try {
      ws = new WebSocket(socketUrl(), SUBPROTOCOL);
    } catch {
      resolve([]);
      return;
    }
    timer = setTimeout(() => finish([]), timeoutMs);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'citizen' }));
    ws.onmessage = (event) => {
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (msg && msg.type === 'welcome') finish(msg.departments);
      else if (msg && msg.type === 'error') finish([]);
    };
    ws.onerror = () => finish([]);
    ws.onclose = () => finish([]);
  });
}
