// Reusable WebSocket client for the Audiencia protocol v1.
// One socket at a time, hello on every (re)connection, automatic reconnection with
// exponential backoff plus jitter, and a status callback with Spanish labels.

export const SUBPROTOCOL = 'audiencia.v1';
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
const PING_EVERY_MS = 30000;

/** The WebSocket URL on the same host as the page. */
export function socketUrl(path = '/ws') {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

let refCounter = 0;
/** A unique `ref` (at most 64 characters) for a client message. */
export function newRef(prefix = 'r') {
  refCounter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${String(prefix).slice(0, 20)}-${Date.now().toString(36)}-${refCounter}-${random}`;
}

/**
 * Opens and keeps a connection.
 * @param {object} options
 * @param {() => object} options.hello  returns the hello message for each (re)connection
 * @param {(status: 'conectando'|'conectado'|'reconectando') => void} [options.onStatus]
 * @param {string} [options.path]
 */
export function createConnection({ hello, onStatus = () => {}, path = '/ws' }) {
  const handlers = new Map();
  let socket = null;
  let attempt = 0;
  let retryTimer = null;
  let pingTimer = null;
  let stopped = false;
  let everConnected = false;

  function setStatus(status) {
    try { onStatus(status); } catch (err) { reportHandlerError(err); }
  }

  function dispatch(message) {
    const list = [...(handlers.get(message.type) || []), ...(handlers.get('*') || [])];
    for (const handler of list) {
      try { handler(message); } catch (err) { reportHandlerError(err); }
    }
  }

  function open() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (stopped || socket) return;
    setStatus(everConnected ? 'reconectando' : 'conectando');
    let ws;
    try {
      ws = new WebSocket(socketUrl(path), SUBPROTOCOL);
    } catch (err) {
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      everConnected = true;
      setStatus('conectado');
      rawSend(ws, hello());
      clearInterval(pingTimer);
      pingTimer = setInterval(() => rawSend(ws, { type: 'ping', ref: newRef('k') }), PING_EVERY_MS);
    };
    ws.onmessage = (event) => {
      if (socket !== ws || typeof event.data !== 'string') return;
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      attempt = 0; // the server is answering: reset the backoff
      dispatch(message);
    };
    ws.onerror = () => { /* onclose follows and handles the retry */ };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      clearInterval(pingTimer);
      // Any close, including 1001 (server going away), means: come back later.
      if (!stopped) scheduleRetry();
    };
  }

  function scheduleRetry() {
    if (stopped || retryTimer) return;
    setStatus('reconectando');
    const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    attempt += 1;
    retryTimer = setTimeout(open, delay);
  }

  function dropSocket() {
    const ws = socket;
    socket = null;
    clearInterval(pingTimer);
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try { ws.close(1000); } catch { /* already closing */ }
    }
  }

  function rawSend(ws, obj) {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(obj));
    return true;
  }

  // Back online: retry now instead of waiting out the backoff.
  const onOnline = () => { if (!stopped && !socket) { attempt = 0; open(); } };
  window.addEventListener('online', onOnline);

  open();

  return {
    /** Sends one message; false when not connected (nothing is queued). */
    send(obj) { return rawSend(socket, obj); },
    /** Registers a handler for a message type ('*' for every message). */
    onMessage(type, handler) {
      if (!handlers.has(type)) handlers.set(type, []);
      handlers.get(type).push(handler);
    },
    /** Drops the current socket and connects again right away (fresh hello). */
    reconnect() {
      if (stopped) return;
      dropSocket();
      clearTimeout(retryTimer);
      retryTimer = null;
      attempt = 0;
      open();
    },
    /** Closes for good; no more reconnection. */
    close() {
      stopped = true;
      window.removeEventListener('online', onOnline);
      clearTimeout(retryTimer);
      retryTimer = null;
      dropSocket();
    },
    get connected() { return !!socket && socket.readyState === WebSocket.OPEN; },
  };
}

function reportHandlerError(err) {
  // A broken handler must not stop the others; report it without rethrowing.
  console.error(err);
}
