// The LiveCross event tracker, loaded once by the site layout. Pages call
//   window.LiveCrossEvents?.track("tag_click", { videoId, productId })
// and elements with data-lc-track="product_view" (with data-product-id, data-video-id or data-live-session-id)
// are tracked when the page loads. Events are batched and posted to /api/v1/events: every few seconds, at 50
// events, and when the page is hidden (sendBeacon). A failed batch is sent once more with the same event ids,
// which the server de-duplicates.
(() => {
  if (window.LiveCrossEvents) return;
  const endpoint = '/api/v1/events';
  const cookieName = 'lc_client';
  const flushEveryMs = 4000;
  const maxBatch = 50;
  const queue = [];
  let retry = null;
  let timer = null;

  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 14)}`);

  function clientId() {
    const found = document.cookie.split('; ').find((c) => c.startsWith(`${cookieName}=`));
    if (found) return found.slice(cookieName.length + 1);
    const id = newId();
    document.cookie = `${cookieName}=${id}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
    return id;
  }

  function url() {
    const market = document.querySelector('[data-market]')?.dataset.market;
    const query = new URLSearchParams({ locale: document.documentElement.lang || 'en' });
    if (market) query.set('market', market);
    return `${endpoint}?${query}`;
  }

  async function post(batch, keepalive) {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-LiveCross-Client': clientId() },
      body: JSON.stringify(batch),
      credentials: 'same-origin',
      keepalive,
    });
    // 4xx other than 429 will not get better by sending the same batch again.
    if (!response.ok && (response.status === 429 || response.status >= 500)) throw new Error(`events: ${response.status}`);
  }

  async function flush(leaving = false) {
    clearTimeout(timer);
    timer = null;
    const batch = retry ?? queue.splice(0, maxBatch * 10);
    retry = null;
    if (batch.length === 0) return;
    if (leaving && navigator.sendBeacon) {
      clientId();
      navigator.sendBeacon(url(), new Blob([JSON.stringify(batch)], { type: 'application/json' }));
      return;
    }
    try {
      await post(batch, leaving);
    } catch {
      if (batch.retried) return;
      batch.retried = true;
      retry = batch;
      schedule();
    }
  }

  function schedule() {
    if (timer === null) timer = setTimeout(() => flush(), flushEveryMs);
  }

  function track(type, fields = {}) {
    const event = { eventId: newId(), type, occurredAt: new Date().toISOString() };
    for (const key of ['videoId', 'liveSessionId', 'productId', 'orderId', 'percent', 'watchSeconds']) {
      if (fields[key] !== undefined && fields[key] !== null) event[key] = fields[key];
    }
    queue.push(event);
    if (queue.length >= maxBatch) flush();
    else schedule();
    return event.eventId;
  }

  function trackDeclared() {
    for (const element of document.querySelectorAll('[data-lc-track]')) {
      const { lcTrack, productId, videoId, liveSessionId } = element.dataset;
      track(lcTrack, { productId, videoId, liveSessionId });
    }
  }

  window.LiveCrossEvents = { track, flush: () => flush() };
  addEventListener('pagehide', () => flush(true));
  addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(true); });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', trackDeclared);
  else trackDeclared();
})();
