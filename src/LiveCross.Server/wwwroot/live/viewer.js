// The viewer page /live/{sessionId}: video, danmaku and chat, likes, counters, the pinned product, the flash sale,
// lucky draws and coupons, all driven by the room hub through room-client.js. Text comes from the page (data-text).
import { connectRoom, newRequestKey, hubErrorText } from './room-client.js';
import { enableScriptControls } from '/script-controls.js';

const root = document.getElementById('live-viewer');
const data = root.dataset;
const texts = JSON.parse(data.text || '{}');
const sessionId = data.sessionId;
const isCustomer = data.customer === 'true';
const userId = data.userId || null;
const culture = data.formatCulture || data.locale || 'en';

const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
const t = (key, ...args) => (texts[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
const number = new Intl.NumberFormat(culture);
const money = (m) => (m ? new Intl.NumberFormat(culture, { style: 'currency', currency: m.currency }).format(m.amount) : '');
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'testid') node.dataset.testid = value;
    else if (key === 'text') node.textContent = value;
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const clock = (ms) => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

// ---- video -------------------------------------------------------------------------------------------------------
async function startVideo() {
  const video = $('live-video');
  const url = data.playbackUrl;
  if (!url) return;
  if (data.playbackKind === 'hls' && !video.canPlayType('application/vnd.apple.mpegurl')) {
    const { default: Hls } = await import('/lib/hls.min.mjs');
    if (Hls.isSupported()) {
      const hls = new Hls({ lowLatencyMode: true });
      hls.loadSource(url);
      hls.attachMedia(video);
    }
  } else {
    video.src = url;
  }
  video.play().catch(() => { video.controls = true; });
}

// ---- chat and danmaku --------------------------------------------------------------------------------------------
const chatList = $('chat-list');
const danmaku = $('danmaku');
const maxChatLines = 200;
const maxDanmaku = 24;
let lane = 0;

function addChat(message) {
  if (chatList.querySelector(`[data-id="${message.id}"]`)) return;
  const line = el('li', { className: 'chat-line' }, el('span', { className: 'chat-name', text: message.name }), ' ', el('span', { className: 'chat-text', text: message.text }));
  line.dataset.id = message.id;
  chatList.append(line);
  while (chatList.children.length > maxChatLines) chatList.firstElementChild.remove();
  chatList.scrollTop = chatList.scrollHeight;
}

function flyDanmaku(message) {
  if (danmaku.children.length >= maxDanmaku) return; // a busy room shows what fits; the list keeps every line
  const line = el('span', { className: 'danmaku-line', text: message.text });
  line.dataset.id = message.id;
  line.style.insetBlockStart = `${8 + (lane++ % 6) * 13}%`;
  line.addEventListener('animationend', () => line.remove());
  danmaku.append(line);
}

function removeChat(id) {
  for (const node of root.querySelectorAll(`.chat-line[data-id="${id}"], .danmaku-line[data-id="${id}"]`)) node.remove();
}

const chatError = $('chat-error');
function showChatError(message) {
  if (!chatError) return;
  chatError.textContent = message;
  chatError.hidden = !message;
}

// ---- counters and likes ------------------------------------------------------------------------------------------
let likes = 0;
let pendingLikes = 0;
function showCounters(viewers, likeTotal) {
  if (viewers !== null) {
    $('viewer-count').dataset.count = viewers;
    $('viewer-count').textContent = t('Live.Viewers', number.format(viewers));
  }
  likes = Math.max(likeTotal, 0);
  $('like-count').dataset.count = likes + pendingLikes;
  $('like-count').textContent = t('Live.Likes', number.format(likes + pendingLikes));
}

// Likes are counted here and sent at most a few times a second, up to 50 at a time, as the hub asks.
async function flushLikes(room) {
  if (pendingLikes === 0 || !room?.connected) return;
  const batch = Math.min(pendingLikes, 50);
  try {
    const result = await room.like(batch);
    if (result.accepted) {
      pendingLikes -= batch;
      likes += batch;
    } else if (result.reason !== 'rate_limited') {
      pendingLikes = 0;
      showChatError(t(`Live.Refused.${result.reason}`));
    }
  } catch (e) {
    showChatError(t('Live.Error', hubErrorText(e)));
  }
}

// ---- pinned product ----------------------------------------------------------------------------------------------
function showPinned(card) {
  const box = $('pinned-card');
  if (!card) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.dataset.productId = card.productId;
  box.dataset.market = card.market;
  const image = box.querySelector('.pinned-image');
  image.hidden = !card.image;
  if (card.image) {
    image.src = card.image.url;
    image.alt = card.image.altText ?? '';
  }
  $('pinned-title').textContent = card.title;
  $('pinned-price').textContent = card.available ? money(card.price) : t('Live.NotSoldHere', data.marketName);
  $('pinned-price').dataset.currency = card.price?.currency ?? '';
  $('pinned-landed').textContent = card.available && card.landed ? t('Live.Delivered', data.marketName, money(card.landed)) : '';
  const buy = $('pinned-buy');
  buy.href = card.buyUrl;
  buy.hidden = !card.available;
}

// A tap through to the pinned product is a tag click in the event stream (the tracker is optional).
$('pinned-buy')?.addEventListener('click', () => {
  const productId = $('pinned-card').dataset.productId;
  if (productId) window.LiveCrossEvents?.track('tag_click', { liveSessionId: sessionId, productId });
});

// ---- flash sale --------------------------------------------------------------------------------------------------
let sale = null;
let claim = null;
function showSale(next) {
  sale = next;
  const box = $('flash-sale');
  box.hidden = !sale;
  if (!sale) return;
  box.dataset.saleId = sale.saleId;
  $('flash-price').textContent = money(sale.price);
  renderSale();
}

function saleStatus() {
  if (!sale) return null;
  if (sale.status === 'active' && Date.parse(sale.endsAt) <= Date.now()) return 'ended';
  return sale.status;
}

function renderSale() {
  if (!sale) return;
  const status = saleStatus();
  const box = $('flash-sale');
  box.dataset.status = status;
  $('flash-countdown').textContent = status === 'active' ? t('Live.EndsIn', clock(Date.parse(sale.endsAt) - Date.now())) : '';
  $('flash-remaining').dataset.remaining = sale.remaining;
  $('flash-remaining').textContent = status === 'sold_out' ? t('Live.SoldOut')
    : status === 'ended' ? t('Live.SaleEnded')
      : t('Live.Remaining', number.format(sale.remaining), number.format(sale.quantity));
  box.querySelector('.flash-fill').style.inlineSize = `${sale.quantity ? (100 * sale.remaining) / sale.quantity : 0}%`;
  $('flash-buy').disabled = !isCustomer || status !== 'active';
  if (claim) {
    const left = Date.parse(claim.payBefore) - Date.now();
    $('flash-outcome').textContent = left > 0 ? t('Live.Outcome.Accepted', clock(left)) : t('Live.ClaimExpired');
    $('flash-pay').hidden = left <= 0;
  }
}

async function buyFlashSale(room) {
  if (!sale || !room) return;
  const saleId = sale.saleId;
  const key = newRequestKey(); // the same key on every retry of this one attempt: the server answers it once
  $('flash-buy').disabled = true;
  $('flash-outcome').textContent = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const answer = await room.attemptFlashSale(saleId, 1, key);
      showOutcome(answer);
      return;
    } catch (e) {
      const words = hubErrorText(e);
      if (String(e?.message ?? '').includes('HubException') && !words.includes('try again')) {
        $('flash-outcome').textContent = t('Live.Error', words);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
    }
  }
  renderSale();
}

function showOutcome(answer) {
  $('flash-outcome').dataset.outcome = answer.outcome;
  if (answer.outcome === 'Accepted') {
    claim = answer;
    const pay = $('flash-pay');
    pay.href = `/checkout?claim=${encodeURIComponent(answer.claimId)}`;
    pay.hidden = false;
  } else {
    $('flash-outcome').textContent = t(`Live.Outcome.${answer.outcome}`);
  }
  renderSale();
}

// ---- lucky draws -------------------------------------------------------------------------------------------------
const draws = new Map();
const entered = new Set();
const entryWords = new Map();

function upsertDraw(draw) {
  // A room message has the prize in the seller's language; keep the page's translation once it has been read.
  const known = draws.get(draw.id);
  draws.set(draw.id, { ...known, ...draw, prize: known?.prize ?? draw.prize });
  renderDraws();
}

function renderDraws() {
  const box = $('draws');
  const shown = [...draws.values()].sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt)).slice(0, 3);
  box.hidden = shown.length === 0;
  box.replaceChildren(...shown.map(drawCard));
}

function drawCard(draw) {
  const status = draw.status === 'open' && Date.parse(draw.endsAt) <= Date.now() ? 'closing' : draw.status;
  const card = el('article', { className: 'draw-card' },
    el('h2', { text: t('Live.Draw') }),
    el('p', { className: 'draw-prize', text: t('Live.DrawPrize', draw.prize) }),
    el('p', { className: 'muted', text: t('Live.DrawWinners', number.format(draw.winners)) }),
    el('p', { className: 'draw-rule', testid: 'draw-rule', text: draw.entryRule.kind === 'watch' ? t('Live.DrawRuleWatch', draw.entryRule.seconds) : t('Live.DrawRulePhrase', draw.entryRule.phrase) }));
  card.dataset.drawId = draw.id;
  card.dataset.status = status;
  card.dataset.testid = 'draw';
  if (status === 'open') {
    card.append(el('p', { className: 'countdown', testid: 'draw-countdown', text: t('Live.DrawEndsIn', clock(Date.parse(draw.endsAt) - Date.now())) }));
    if (draw.entryRule.kind === 'watch' && isCustomer && !entered.has(draw.id)) {
      const button = el('button', { type: 'button', className: 'primary', testid: 'draw-enter', text: t('Live.DrawEnter') });
      button.addEventListener('click', () => enterDraw(draw.id));
      card.append(button);
    }
  } else if (status === 'closing') {
    card.append(el('p', { text: t('Live.DrawDrawing') }));
  } else {
    const winners = draw.winnerIds ?? [];
    card.append(el('p', { testid: 'draw-result', text: t('Live.DrawResult', number.format(winners.length), number.format(draw.entrantCount)) }));
    if (userId && entered.has(draw.id)) card.append(el('p', { className: 'draw-you', testid: 'draw-you', text: winners.includes(userId) ? t('Live.DrawYouWon') : t('Live.DrawNotWon') }));
    else if (userId && winners.includes(userId)) card.append(el('p', { className: 'draw-you', testid: 'draw-you', text: t('Live.DrawYouWon') }));
    card.append(el('p', {}, el('a', { href: `/draws/${draw.id}/verify`, testid: 'draw-verify', text: t('Live.DrawVerify') })));
  }
  const words = entryWords.get(draw.id);
  if (words) card.append(el('p', { className: 'outcome', testid: 'draw-outcome', role: 'status', text: words }));
  return card;
}

async function enterDraw(drawId) {
  if (!room) return;
  try {
    const result = await room.enterDraw(drawId);
    if (result.outcome === 'Entered' || result.outcome === 'AlreadyEntered') entered.add(drawId);
    entryWords.set(drawId, result.outcome === 'NotQualified' ? t('Live.DrawEntry.NotQualified', result.secondsLeft) : t(`Live.DrawEntry.${result.outcome}`));
  } catch (e) {
    entryWords.set(drawId, t('Live.Error', hubErrorText(e)));
  }
  renderDraws();
}

// ---- coupons -----------------------------------------------------------------------------------------------------
const coupons = new Map();
const couponKeys = new Map();
const couponWords = new Map();
const claimedCoupons = new Set();
const antiforgery = root.querySelector('.antiforgery input[name="__RequestVerificationToken"]')?.value;

function upsertCoupon(coupon) {
  coupons.set(coupon.id, { ...coupons.get(coupon.id), ...coupon });
  renderCoupons();
}

function renderCoupons() {
  const box = $('coupons');
  const shown = [...coupons.values()].filter((c) => c.status !== 'expired' && Date.parse(c.expiresAt) > Date.now());
  box.hidden = shown.length === 0;
  $('coupon-list').replaceChildren(...shown.map(couponCard));
}

function couponCard(coupon) {
  const off = coupon.kind === 'amount_off' ? t('Live.CouponAmount', money(coupon.amountOff)) : t('Live.CouponPercent', number.format(coupon.percentOff));
  const item = el('li', { className: 'coupon' },
    el('strong', { className: 'coupon-off', text: off }),
    coupon.minimumSpend?.amount > 0 ? el('span', { className: 'muted', text: ` ${t('Live.CouponMinimum', money(coupon.minimumSpend))}` }) : null,
    el('span', { className: 'coupon-left', testid: 'coupon-left', text: coupon.status === 'sold_out' ? t('Live.CouponOutcome.SoldOut') : t('Live.CouponLeft', number.format(coupon.remaining)) }));
  item.dataset.couponId = coupon.id;
  item.dataset.status = coupon.status;
  item.dataset.testid = 'coupon';
  if (isCustomer) {
    const button = el('button', { type: 'button', className: 'primary', testid: 'coupon-claim', text: t('Live.CouponClaim') });
    button.disabled = coupon.status !== 'active' || claimedCoupons.has(coupon.id);
    button.addEventListener('click', () => claimCoupon(coupon.id));
    item.append(button);
  }
  const words = couponWords.get(coupon.id);
  if (words) item.append(el('p', { className: 'outcome', testid: 'coupon-outcome', role: 'status', text: words }));
  return item;
}

async function claimCoupon(couponId) {
  if (!couponKeys.has(couponId)) couponKeys.set(couponId, newRequestKey());
  claimedCoupons.add(couponId); // one tap: the button stays off unless the claim failed to reach the server
  renderCoupons();
  try {
    const response = await fetch(`/api/v1/coupons/${couponId}/claims`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Idempotency-Key': couponKeys.get(couponId), RequestVerificationToken: antiforgery ?? '', Accept: 'application/json' },
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      couponWords.set(couponId, t(`Live.CouponOutcome.${body.outcome}`));
      if (body.outcome === 'SoldOut') upsertCoupon({ id: couponId, status: 'sold_out', remaining: 0 });
      else if (body.outcome === 'Claimed') refreshCoupons();
    } else {
      couponWords.set(couponId, t('Live.Error', body.detail || body.title || response.status));
      if (response.status >= 500) claimedCoupons.delete(couponId);
    }
  } catch (e) {
    claimedCoupons.delete(couponId);
    couponWords.set(couponId, t('Live.Error', e.message));
  }
  renderCoupons();
}

// ---- what the room shows, read over HTTP at the start and after a gap ------------------------------------------------
async function refreshDraws() {
  const response = await fetch(`/api/v1/live-sessions/${sessionId}/draws?locale=${encodeURIComponent(data.locale)}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  for (const draw of await response.json()) draws.set(draw.id, { ...draws.get(draw.id), ...draw });
  renderDraws();
}

async function refreshCoupons() {
  const response = await fetch(`/api/v1/live-sessions/${sessionId}/coupons`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  for (const coupon of await response.json()) coupons.set(coupon.id, coupon);
  renderCoupons();
}

const refreshAll = () => Promise.all([refreshDraws(), refreshCoupons()]).catch((e) => console.warn('live: could not read draws and coupons', e));

// ---- the room ----------------------------------------------------------------------------------------------------
const status = $('connection-status');
function showState(state, error) {
  const words = state === 'reconnecting' ? t('Live.Reconnecting')
    : state === 'disconnected' ? t('Live.Disconnected')
      : state === 'refused' ? t('Live.Error', hubErrorText(error)) : '';
  status.textContent = words;
  status.hidden = !words;
  root.dataset.connection = state;
}

function muteChat(reason) {
  showChatError(t(`Live.Moderated.${reason}`));
  const input = $('chat-input');
  if (input) input.disabled = true;
  $('chat-send')?.setAttribute('disabled', '');
  if (reason === 'banned') $('like-button').disabled = true;
}

// An ended session's room is closed: the page shows what it can over HTTP (draw results) and the replay link.
const room = ['live', 'scheduled'].includes(data.status) ? connectRoom({
  sessionId,
  market: data.market,
  on: {
    snapshot(snapshot, { reconnected }) {
      showCounters(snapshot.viewers, snapshot.likes);
      showPinned(snapshot.pinned);
      showSale(snapshot.flashSale);
      if (!reconnected) for (const line of snapshot.chat) addChat(line);
      root.dataset.joined = 'true';
      root.dataset.canChat = snapshot.canChat;
    },
    chat(message) {
      addChat(message);
      flyDanmaku(message);
    },
    chatDeleted: (message) => removeChat(message.messageId),
    counters: (message) => showCounters(message.viewers, message.likes),
    pinned: (message) => showPinned(message.card),
    flashSale(message) {
      claim = null;
      $('flash-outcome').textContent = '';
      $('flash-pay').hidden = true;
      showSale(message.sale);
    },
    flashSaleStock(message) {
      if (!sale || sale.saleId !== message.saleId) return;
      sale = { ...sale, remaining: message.remaining, status: message.status };
      renderSale();
    },
    moderated: (message) => muteChat(message.action),
    drawStarted: (message) => { upsertDraw(message.draw); refreshDraws(); },
    drawEnded: (message) => upsertDraw(message.draw),
    drawEntered(message) {
      entered.add(message.drawId);
      entryWords.set(message.drawId, t('Live.DrawEntry.Entered'));
      renderDraws();
    },
    couponDropped: (message) => upsertCoupon(message.coupon),
    couponClaimedOut: (message) => upsertCoupon({ id: message.couponId, status: 'sold_out', remaining: 0 }),
    gap({ chatComplete }) {
      if (!chatComplete) chatList.append(el('li', { className: 'chat-gap muted', text: t('Live.Gap') }));
      refreshAll();
    },
    state: showState,
    error: (e) => console.warn('live room:', hubErrorText(e)),
  },
}) : null;

$('chat-form')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!room) return;
  const input = $('chat-input');
  const text = input.value;
  showChatError('');
  try {
    const result = await room.sendChat(text);
    if (result.accepted) input.value = '';
    else showChatError(t(`Live.Refused.${result.reason}`));
  } catch (e) {
    showChatError(t('Live.Error', hubErrorText(e)));
  }
});

$('like-button').addEventListener('click', () => {
  if (!isCustomer || !room) return;
  pendingLikes++;
  showCounters(null, likes);
});
setInterval(() => flushLikes(room), 400);

$('flash-buy').addEventListener('click', () => buyFlashSale(room));

function tickDraws() {
  for (const card of root.querySelectorAll('[data-testid="draw"][data-status="open"]')) {
    const left = Date.parse(draws.get(card.dataset.drawId)?.endsAt) - Date.now();
    if (!(left > 0)) {
      renderDraws();
      return;
    }
    card.querySelector('[data-testid="draw-countdown"]').textContent = t('Live.DrawEndsIn', clock(left));
  }
}

setInterval(() => {
  renderSale();
  tickDraws();
}, 500);

startVideo().catch((e) => console.warn('live: the video did not start', e));
refreshAll();

enableScriptControls(root);
