// The browser's side of the live room hub (/hubs/room), shared by the viewer page and the host console.
//
//   const room = connectRoom({ sessionId, market, on: { snapshot, chat, counters, ..., gap, state } });
//   await room.started;
//   const result = await room.sendChat('hello');   // { accepted, reason, id, seq }
//
// Every room-wide message carries the room's sequence number, one more than the last. The client remembers the last
// number it saw; when a number is skipped, or after a reconnect, it joins again with that number: the snapshot brings
// the current state and the chat lines it missed, and on.gap tells the page to refresh whatever else it shows
// (draws, coupons). Messages to one user repeat a number instead of taking one (drawEntered: its chat line's; moderated:
// the room's current one): they are never a gap and never move lastSeq.
import '/lib/signalr.min.js';

const signalR = globalThis.signalR;

/** The room messages and their handler names (on.<name>): the same names the server sends. */
export const roomEvents = Object.freeze([
  'chat', 'chatDeleted', 'counters', 'pinned', 'question', 'flashSale', 'flashSaleStock', 'moderated',
  'drawStarted', 'drawEnded', 'drawEntered', 'couponDropped', 'couponClaimedOut',
]);

const personalEvents = new Set(['moderated', 'drawEntered']);
const retryDelays = [0, 1000, 2000, 5000, 10000, 10000, 20000, 30000];
const maxSeenChat = 500;

/**
 * Connects to a session's room and keeps it joined.
 * @param {object} options
 * @param {string} options.sessionId the live session's id
 * @param {string} [options.market] the market whose prices the viewer sees (else the server's market cookie)
 * @param {() => string | Promise<string>} [options.accessToken] for API clients signed in with a bearer token; pages use their cookie
 * @param {object} [options.on] handlers: snapshot(s, { reconnected }), each of roomEvents (message), gap({ from, to, chatComplete }),
 *   state('connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'refused', error?), error(error)
 */
export function connectRoom({ sessionId, market, accessToken, on = {} }) {
  if (!signalR) throw new Error('The SignalR client is missing: /lib/signalr.min.js did not load.');
  const builder = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/room', accessToken ? { accessTokenFactory: accessToken } : {})
    .withAutomaticReconnect(retryDelays)
    .configureLogging(signalR.LogLevel.Warning);
  const connection = builder.build();

  let lastSeq = null;
  let joining = null; // messages that arrive while JoinRoom is answered, handled once its snapshot has set lastSeq
  let stopped = false;
  let resyncing = false;
  const seenChat = new Set();

  const emit = (name, ...args) => {
    const handler = on[name];
    if (!handler) return;
    try {
      handler(...args);
    } catch (e) {
      console.error(`room-client: the page's ${name} handler failed`, e);
    }
  };

  const rememberChat = (id) => {
    if (seenChat.has(id)) return false;
    seenChat.add(id);
    if (seenChat.size > maxSeenChat) seenChat.delete(seenChat.values().next().value);
    return true;
  };

  const deliver = (name, message) => {
    if (name === 'chat' && !rememberChat(message.id)) return;
    emit(name, message);
  };

  function receive(name, message) {
    if (typeof message?.seq !== 'number') return;
    if (joining) {
      joining.push([name, message]);
      return;
    }
    if (personalEvents.has(name)) {
      emit(name, message);
      return;
    }
    if (lastSeq !== null && message.seq <= lastSeq) return; // seen already, or covered by a snapshot
    const from = lastSeq;
    lastSeq = message.seq;
    deliver(name, message);
    if (from !== null && message.seq > from + 1) resync(from);
  }

  for (const name of roomEvents) connection.on(name, (message) => receive(name, message));

  /** Joins (again) saying the last number seen; the snapshot's missed chat lines are delivered and a gap is reported. */
  async function join(since, reconnected) {
    joining = [];
    let snapshot;
    try {
      snapshot = await connection.invoke('JoinRoom', sessionId, since, market ?? null);
    } catch (e) {
      joining = null;
      throw e;
    }
    const held = joining;
    joining = null;
    if (lastSeq === null || snapshot.seq > lastSeq) lastSeq = snapshot.seq;
    for (const line of snapshot.chat) if (since === null) rememberChat(line.id);
    emit('snapshot', snapshot, { reconnected });
    if (since !== null) {
      for (const line of snapshot.missed) deliver('chat', line);
      if (snapshot.seq > since) emit('gap', { from: since, to: snapshot.seq, chatComplete: snapshot.missedComplete });
    }
    for (const [name, message] of held) receive(name, message);
    return snapshot;
  }

  // A skipped number while connected: join again from the last number seen before it, one resync at a time.
  function resync(from) {
    if (resyncing) return;
    resyncing = true;
    join(from, true).catch((e) => emit('error', e)).finally(() => { resyncing = false; });
  }

  connection.onreconnecting((e) => {
    emit('state', 'reconnecting', e);
  });
  connection.onreconnected(async () => {
    try {
      await join(lastSeq, true);
      emit('state', 'connected');
    } catch (e) {
      emit('error', e);
    }
  });
  connection.onclose(async (e) => {
    if (stopped) return;
    emit('state', 'disconnected', e);
    // Automatic reconnection gave up: keep trying, slowly, while the page is open.
    setTimeout(() => { if (!stopped) start(); }, 15000);
  });

  async function start() {
    emit('state', 'connecting');
    try {
      await connection.start();
      await join(lastSeq, lastSeq !== null);
      emit('state', 'connected');
    } catch (e) {
      emit('error', e);
      if (connection.state === signalR.HubConnectionState.Connected) {
        // Connected but the room refused (no live or scheduled session, banned): nothing to retry.
        emit('state', 'refused', e);
        return;
      }
      emit('state', 'disconnected', e);
      if (!stopped) setTimeout(() => { if (!stopped && connection.state === signalR.HubConnectionState.Disconnected) start(); }, 5000);
    }
  }

  const invoke = (method, ...args) => connection.invoke(method, ...args);

  return {
    connection,
    started: start(),
    get lastSeq() { return lastSeq; },
    get connected() { return connection.state === signalR.HubConnectionState.Connected; },
    invoke,
    sendChat: (text) => invoke('SendChat', sessionId, text),
    ask: (text) => invoke('Ask', sessionId, text),
    like: (count) => invoke('Like', sessionId, count),
    /** One attempt; requestKey is made here unless given, and must be given again to retry the same attempt. */
    attemptFlashSale: (saleId, quantity = 1, requestKey = newRequestKey()) => invoke('AttemptFlashSale', saleId, requestKey, quantity),
    enterDraw: (drawId) => invoke('EnterDraw', sessionId, drawId),
    deleteMessage: (messageId) => invoke('DeleteMessage', sessionId, messageId),
    mute: (userId) => invoke('Mute', sessionId, userId),
    ban: (userId) => invoke('Ban', sessionId, userId),
    pinProduct: (productId) => invoke('PinProduct', sessionId, productId),
    answerQuestion: (questionId) => invoke('AnswerQuestion', sessionId, questionId),
    highlightQuestion: (questionId) => invoke('HighlightQuestion', sessionId, questionId),
    async stop() {
      stopped = true;
      await connection.stop();
    },
  };
}

/** A fresh client request id (Idempotency-Key / requestKey): visible ASCII, unique per attempt. */
export function newRequestKey() {
  return globalThis.crypto?.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The words of a hub error without SignalR's "An unexpected error occurred invoking ..." wrapping. */
export function hubErrorText(error) {
  const text = String(error?.message ?? error ?? '');
  const marker = 'HubException: ';
  const at = text.indexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : text;
}
