// The host console (/seller/live/{id}): seller API calls with the sign-in cookie and the page's antiforgery token,
// the room through the shared room client (pin, moderate, questions, counters, flash-sale stock) and the live figures, polled.
import { connectRoom, hubErrorText } from '/live/room-client.js';
import { enableScriptControls } from '/script-controls.js';

const root = document.querySelector('[data-testid="host-console"]');
const sessionId = root.dataset.sessionId;
const market = root.dataset.market;
const currency = root.dataset.currency;
const token = root.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
const $ = (testId) => root.querySelector(`[data-testid="${testId}"]`);
const figuresEvery = 2000;

let room = null;
let sale = null;
let saleClaims = 0;

function showError(message) {
  const box = $('console-error');
  box.textContent = message;
  box.hidden = !message;
}

function problemText(problem, status) {
  if (problem?.errors) {
    return Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join(' · ');
  }
  return problem?.detail ?? problem?.title ?? `The server answered ${status}.`;
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers.RequestVerificationToken = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    showError('The server cannot be reached. Check the connection and try again.');
    return null;
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    showError(problemText(data, response.status));
    return null;
  }
  showError('');
  return data;
}

const sessionPath = `/api/v1/seller/live-sessions/${sessionId}`;

function setStatus(status) {
  root.dataset.status = status;
  const badge = $('session-status');
  badge.textContent = status;
  badge.className = `status status-${status}`;
  $('go-live').hidden = status !== 'scheduled';
  $('end').hidden = status !== 'live';
  $('rotate-key').hidden = status !== 'scheduled';
}

function numberOf(form, name) {
  const value = form.elements[name]?.value?.trim() ?? '';
  return value === '' ? null : Number(value);
}

function textOf(form, name) {
  const value = form.elements[name]?.value?.trim() ?? '';
  return value === '' ? null : value;
}

function money(amount) {
  return `${Number(amount).toFixed(2)} ${currency}`;
}

// --- session moves and the stream key ---

root.querySelector('[data-action="go-live"]').addEventListener('click', async () => {
  const session = await api('POST', `${sessionPath}/go-live`);
  if (session) {
    setStatus(session.status);
    connectToRoom();
  }
});

root.querySelector('[data-action="end"]').addEventListener('click', async () => {
  const session = await api('POST', `${sessionPath}/end`);
  if (session) setStatus(session.status);
});

root.querySelector('[data-action="rotate-key"]').addEventListener('click', async () => {
  const session = await api('POST', `${sessionPath}/stream-key`);
  if (session?.streamKey) {
    $('stream-key').textContent = session.streamKey;
    $('ingest-url').textContent = session.ingestUrl;
  }
});

// --- flash sale ---

function showSale(shown) {
  sale = { ...sale, ...shown };
  $('flash-now').hidden = false;
  const set = (name, value) => { root.querySelector(`[data-flash="${name}"]`).textContent = value; };
  set('sku', sale.sku ?? sale.skuId);
  set('price', `${Number(sale.price.amount).toFixed(2)} ${sale.price.currency}`);
  set('remaining', String(sale.remaining));
  set('quantity', String(sale.quantity));
  set('status', sale.status === 'sold_out' ? 'sold out' : sale.status);
  set('claims', String(saleClaims));
  tick();
}

function tick() {
  if (!sale) return;
  const left = Math.max(0, new Date(sale.endsAt).getTime() - Date.now());
  const seconds = Math.ceil(left / 1000);
  const text = sale.status === 'ended' || left === 0 ? 'ended' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left`;
  root.querySelector('[data-flash="countdown"]').textContent = text;
}
setInterval(tick, 250);

root.querySelector('[data-form="flash-sale"]').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const created = await api('POST', '/api/v1/seller/flash-sales', {
    skuId: textOf(form, 'skuId'),
    quantity: numberOf(form, 'quantity'),
    price: { amount: numberOf(form, 'price'), currency },
    perCustomerLimit: numberOf(form, 'perCustomerLimit'),
    durationSeconds: numberOf(form, 'durationSeconds'),
    sessionId,
  });
  if (created) {
    sale = null;
    saleClaims = 0;
    showSale(created);
  }
});

root.querySelector('[data-action="end-sale"]').addEventListener('click', async () => {
  if (!sale) return;
  const ended = await api('POST', `/api/v1/seller/flash-sales/${sale.id}/end`);
  if (ended) showSale(ended);
});

// --- lucky draws and coupons ---

function listItem(text, testId) {
  const item = document.createElement('li');
  item.textContent = text;
  if (testId) item.dataset.testid = testId;
  return item;
}

function showDraw(draw) {
  const list = $('draws');
  list.querySelector(`[data-draw-id="${draw.id}"]`)?.remove();
  const item = listItem(`${draw.prize}: ${draw.winners} winner(s), ${draw.status}, ${draw.entrantCount} entrant(s), ends ${new Date(draw.endsAt).toLocaleTimeString()} `, 'draw');
  item.dataset.drawId = draw.id;
  const verify = document.createElement('a');
  verify.href = `/draws/${draw.id}/verify`;
  verify.textContent = 'verify';
  item.append(verify);
  list.prepend(item);
}

function showCoupon(coupon) {
  const list = $('coupons');
  list.querySelector(`[data-coupon-id="${coupon.id}"]`)?.remove();
  const off = coupon.amountOff ? `${Number(coupon.amountOff.amount).toFixed(2)} ${coupon.amountOff.currency} off` : `${coupon.percentOff}% off`;
  const item = listItem(`${off}, minimum ${Number(coupon.minimumSpend.amount).toFixed(2)}: ${coupon.remaining} of ${coupon.quantity} left, ${coupon.status}`, 'coupon');
  item.dataset.couponId = coupon.id;
  list.prepend(item);
}

root.querySelector('[data-form="draw"]').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const kind = textOf(form, 'kind');
  const draw = await api('POST', `${sessionPath}/draws`, {
    prize: textOf(form, 'prize'),
    winners: numberOf(form, 'winners'),
    durationSeconds: numberOf(form, 'durationSeconds'),
    entryRule: kind === 'phrase' ? { kind, phrase: textOf(form, 'phrase') } : { kind, seconds: numberOf(form, 'seconds') },
  });
  if (draw) showDraw(draw);
});

root.querySelector('[data-form="coupon"]').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const amount = numberOf(form, 'amountOff');
  const minimum = numberOf(form, 'minimumSpend');
  const minutes = numberOf(form, 'validMinutes') ?? 60;
  const coupon = await api('POST', `${sessionPath}/coupons`, {
    quantity: numberOf(form, 'quantity'),
    amountOff: amount === null ? null : { amount, currency },
    percentOff: numberOf(form, 'percentOff'),
    minimumSpend: minimum === null ? null : { amount: minimum, currency },
    expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
  });
  if (coupon) showCoupon(coupon);
});

async function loadDrawsAndCoupons() {
  const [draws, coupons] = await Promise.all([api('GET', `/api/v1/live-sessions/${sessionId}/draws`), api('GET', `/api/v1/live-sessions/${sessionId}/coupons`)]);
  for (const draw of (draws ?? []).slice().reverse()) showDraw(draw);
  for (const coupon of (coupons ?? []).slice().reverse()) showCoupon(coupon);
}

// --- the room: chat moderation, questions, pins, counters, stock ---

function moderationButton(label, action, run) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.dataset.action = action;
  button.addEventListener('click', run);
  return button;
}

async function moderate(method, ...args) {
  if (!room?.connected) {
    showError('Not connected to the room: wait a moment and try again.');
    return false;
  }
  try {
    const result = await room.invoke(method, sessionId, ...args);
    showError(result.accepted ? '' : `Refused: ${result.reason}`);
    return result.accepted;
  } catch (error) {
    showError(hubErrorText(error));
    return false;
  }
}

function showChat(message) {
  const list = $('chat');
  if (list.querySelector(`[data-message-id="${message.id}"]`)) return;
  const item = document.createElement('li');
  item.dataset.messageId = message.id;
  item.dataset.testid = 'chat-line';
  const name = document.createElement('strong');
  name.textContent = message.name;
  const text = document.createElement('span');
  text.textContent = ` ${message.text} `;
  item.append(name, text,
    moderationButton('Delete', 'delete', () => moderate('DeleteMessage', message.id)),
    moderationButton('Mute', 'mute', () => moderate('Mute', message.userId)),
    moderationButton('Ban', 'ban', () => moderate('Ban', message.userId)));
  list.append(item);
  while (list.children.length > 100) list.firstElementChild.remove();
}

function showQuestion(question) {
  const list = $('questions');
  let item = list.querySelector(`[data-question-id="${question.id}"]`);
  if (!item) {
    item = document.createElement('li');
    item.dataset.questionId = question.id;
    item.dataset.testid = 'question';
    list.append(item);
  }
  item.replaceChildren();
  const text = document.createElement('span');
  text.textContent = `${question.name}: ${question.text} `;
  item.append(text);
  item.classList.toggle('answered', question.answered);
  item.classList.toggle('highlighted', question.highlighted);
  if (question.answered) {
    item.append(' (answered)');
    return;
  }
  item.append(moderationButton('Answered', 'answer', () => moderate('AnswerQuestion', question.id)));
  if (question.highlighted) item.append(' (highlighted)');
  else item.append(moderationButton('Highlight', 'highlight', () => moderate('HighlightQuestion', question.id)));
}

function showPinned(productId) {
  for (const mark of root.querySelectorAll('.pinned-mark')) mark.hidden = mark.dataset.testid !== `pinned-${productId}`;
}

function showCounters(likes, viewers) {
  root.querySelector('[data-figure="likes"]').textContent = String(likes);
  root.querySelector('[data-figure="viewers"]').textContent = String(viewers);
}

for (const button of root.querySelectorAll('[data-action="pin"]')) {
  button.addEventListener('click', async () => {
    if (await moderate('PinProduct', button.dataset.product)) showPinned(button.dataset.product);
  });
}

function roomState(text) {
  $('room-state').textContent = text;
}

function showSnapshot(snapshot) {
  setStatus(snapshot.status);
  showCounters(snapshot.likes, snapshot.viewers);
  for (const message of snapshot.chat) showChat(message);
  for (const question of snapshot.questions) showQuestion(question);
  if (snapshot.pinned) showPinned(snapshot.pinned.productId);
  if (snapshot.flashSale && (sale?.id ?? null) !== snapshot.flashSale.saleId) showSale({ ...snapshot.flashSale, id: snapshot.flashSale.saleId });
  roomState(snapshot.canModerate ? 'In the room as its host.' : 'In the room (you may not moderate it).');
}

function connectToRoom() {
  if (room) return;
  if (root.dataset.status === 'ended' || root.dataset.status === 'replay') {
    roomState('The session is over: its room is closed.');
    return;
  }
  try {
    room = connectRoom({
      sessionId,
      market,
      on: {
        snapshot: showSnapshot,
        chat: showChat,
        chatDeleted: (m) => $('chat').querySelector(`[data-message-id="${m.messageId}"]`)?.remove(),
        question: showQuestion,
        pinned: (m) => showPinned(m.card.productId),
        counters: (m) => showCounters(m.likes, m.viewers),
        flashSale: (m) => {
          if ((sale?.id ?? null) !== m.sale.saleId) { sale = null; saleClaims = 0; }
          showSale({ ...m.sale, id: m.sale.saleId });
        },
        flashSaleStock: (m) => { if (sale?.id === m.saleId) showSale({ remaining: m.remaining, status: m.status }); },
        drawStarted: () => loadDrawsAndCoupons(),
        drawEnded: () => loadDrawsAndCoupons(),
        couponDropped: () => loadDrawsAndCoupons(),
        couponClaimedOut: () => loadDrawsAndCoupons(),
        gap: () => loadDrawsAndCoupons(),
        state: (state) => { if (state !== 'connected') roomState(state === 'reconnecting' ? 'Reconnecting to the room…' : `Room: ${state}`); },
        error: (error) => roomState(`Not in the room: ${hubErrorText(error)}`),
      },
    });
  } catch (error) {
    roomState(`The live room client is not available: ${error.message}`);
  }
}

// --- figures ---

function drawChart(perMinute) {
  const svg = $('gmv-chart');
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  if (perMinute.length === 0) return;
  const max = Math.max(...perMinute.map((m) => m.gmv), 0);
  const width = 300 / 30;
  perMinute.forEach((minute, i) => {
    const height = max === 0 ? 0 : Math.max(1, (minute.gmv / max) * 76);
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', String((30 - perMinute.length + i) * width + 1));
    bar.setAttribute('y', String(80 - height));
    bar.setAttribute('width', String(width - 2));
    bar.setAttribute('height', String(height));
    bar.setAttribute('class', 'gmv-bar');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${new Date(minute.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${minute.orders} orders, ${money(minute.gmv)}`;
    bar.append(title);
    svg.append(bar);
  });
}

async function refreshFigures() {
  const response = await fetch(`${sessionPath}/figures`, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => null);
  if (!response?.ok) return;
  const figures = await response.json();
  root.querySelector('[data-figure="orders"]').textContent = String(figures.orders);
  root.querySelector('[data-figure="gmv"]').textContent = Number(figures.gmv.amount).toFixed(2);
  if (!room?.connected) showCounters(figures.likes, figures.viewers);
  drawChart(figures.perMinute);
  const current = sale && figures.flashSales.find((s) => s.saleId === sale.id);
  if (current) {
    saleClaims = current.claims;
    showSale({ remaining: current.remaining, status: current.status });
  } else if (!sale && figures.flashSales.length > 0) {
    const latest = figures.flashSales[figures.flashSales.length - 1];
    saleClaims = latest.claims;
    showSale({ id: latest.saleId, sku: latest.sku, quantity: latest.quantity, remaining: latest.remaining, status: latest.status, price: latest.price, endsAt: latest.endsAt });
  }
  if (figures.status !== root.dataset.status) setStatus(figures.status);
}

setStatus(root.dataset.status);
loadDrawsAndCoupons();
refreshFigures();
setInterval(refreshFigures, figuresEvery);
connectToRoom();

enableScriptControls(root);
