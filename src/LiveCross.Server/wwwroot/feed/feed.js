// The vertical swipe feed: one entry per screen (CSS scroll snap), the video in view plays muted and the others pause,
// a video's product tags appear as cards while the playhead is inside their time, more entries load near the end.
const root = document.getElementById('feed');
const list = root.querySelector('[data-feed-list]');
const strings = JSON.parse(root.dataset.strings);
let cursor = root.dataset.nextCursor || null;
let loading = false;

const track = (type, fields) => window.LiveCrossEvents?.track(type, fields);

function money(m) {
  if (!m) return '';
  return new Intl.NumberFormat(root.dataset.formatCulture, { style: 'currency', currency: m.currency }).format(m.amount);
}

function element(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === null || v === undefined) continue;
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function tagCard(tag, index) {
  const card = element('a', { class: 'feed-tag', href: tag.productUrl, 'data-testid': 'feed-tag', 'data-product-id': tag.productId,
    'data-start': tag.startSecond, 'data-end': tag.endSecond, 'data-index': index, hidden: '' });
  if (tag.image) card.append(element('img', { src: tag.image.url, alt: '', width: 48, height: 48 }));
  const text = element('span', { class: 'feed-tag-text' }, element('strong', { text: tag.title }));
  if (tag.landed) text.append(element('span', { class: 'feed-tag-price', 'data-testid': 'feed-tag-landed', text: strings.landed.replace('{0}', money(tag.landed)) }));
  else if (tag.price) text.append(element('span', { class: 'feed-tag-price', text: money(tag.price) }));
  card.append(text);
  return card;
}

function entryElement(entry) {
  const slide = element('article', { class: `feed-entry feed-${entry.kind}`, 'data-testid': 'feed-entry', 'data-kind': entry.kind, 'data-id': entry.id, 'data-reason': entry.reason });
  if (entry.kind === 'video') {
    const v = entry.video;
    const video = element('video', { class: 'feed-video', muted: '', playsinline: '', loop: '', preload: 'metadata', poster: v.posterUrl, 'data-testid': 'feed-video' });
    video.muted = true;
    const playable = v.renditions.find(r => video.canPlayType(r.contentType)) || v.renditions[v.renditions.length - 1];
    if (playable) video.append(element('source', { src: playable.url, type: playable.contentType }));
    const tags = element('div', { class: 'feed-tags' }, ...v.tags.map(tagCard));
    const caption = element('div', { class: 'feed-caption' },
      element('a', { href: entry.url, class: 'feed-title', text: entry.title }), element('span', { class: 'muted', text: v.seller }));
    slide.append(video, tags, caption);
  } else if (entry.kind === 'live') {
    const l = entry.live;
    const badge = l.status === 'live' ? element('span', { class: 'badge live-badge', text: strings.liveNow })
      : element('span', { class: 'badge', text: strings.startsAt.replace('{0}', new Date(l.scheduledStart).toLocaleString(root.dataset.formatCulture)) });
    slide.append(element('a', { class: 'feed-card', href: entry.url }, badge, element('strong', { text: entry.title }), element('span', { class: 'muted', text: l.host })));
  } else {
    const p = entry.product;
    const card = element('a', { class: 'feed-card', href: entry.url });
    if (p.image) card.append(element('img', { src: p.image.url, alt: p.image.altText || '', width: 240, height: 240 }));
    card.append(element('strong', { text: entry.title }));
    if (p.price) card.append(element('span', { class: 'price', text: money(p.price) }));
    if (p.landed) card.append(element('span', { class: 'muted', text: strings.landed.replace('{0}', money(p.landed)) }));
    slide.append(card);
  }
  return slide;
}

// Tag cards follow the playhead; watch progress is reported once per quarter.
function wireVideo(slide) {
  const video = slide.querySelector('video');
  if (!video || video.dataset.wired) return;
  video.dataset.wired = '1';
  const id = slide.dataset.id;
  const reported = new Set();
  video.addEventListener('timeupdate', () => {
    const t = video.currentTime;
    for (const card of slide.querySelectorAll('.feed-tag')) {
      const shown = t >= Number(card.dataset.start) && t < Number(card.dataset.end);
      if (card.hidden === shown) card.hidden = !shown;
    }
    if (video.duration > 0) {
      for (const quarter of [25, 50, 75, 100]) {
        if (!reported.has(quarter) && t / video.duration >= (quarter === 100 ? 0.97 : quarter / 100)) {
          reported.add(quarter);
          track('watch_progress', { videoId: id, percent: quarter, watchSeconds: t });
        }
      }
    }
  });
  video.addEventListener('play', () => { if (!slide.dataset.viewed) { slide.dataset.viewed = '1'; track('view_start', { videoId: id }); } });
  for (const card of slide.querySelectorAll('.feed-tag'))
    card.addEventListener('click', () => track('tag_click', { videoId: id, productId: card.dataset.productId }));
}

const visibility = new IntersectionObserver(entries => {
  for (const e of entries) {
    const video = e.target.querySelector('video');
    if (!video) continue;
    if (e.isIntersecting && e.intersectionRatio >= 0.6) {
      wireVideo(e.target);
      video.play().catch(() => { /* autoplay refused: the poster stays, a tap plays it */ });
    } else {
      video.pause();
    }
  }
}, { threshold: [0, 0.6] });

const nearEnd = new IntersectionObserver(entries => { if (entries.some(e => e.isIntersecting)) loadMore(); });

function observe(slide) {
  visibility.observe(slide);
  if (slide.dataset.kind === 'video') slide.querySelector('video').addEventListener('click', e => { const v = e.currentTarget; v.paused ? v.play() : v.pause(); });
}

async function loadMore() {
  if (loading || !cursor) return;
  loading = true;
  root.querySelector('[data-feed-status]').textContent = strings.loading;
  try {
    const query = new URLSearchParams({ market: root.dataset.market, locale: root.dataset.locale, cursor });
    const response = await fetch(`/api/v1/feed?${query}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`feed ${response.status}`);
    const page = await response.json();
    for (const entry of page.entries) {
      const slide = entryElement(entry);
      list.append(slide);
      observe(slide);
    }
    cursor = page.nextCursor;
    root.querySelector('[data-feed-status]').textContent = cursor ? '' : strings.end;
    watchEnd();
  } catch {
    root.querySelector('[data-feed-status]').textContent = strings.failed;
  } finally {
    loading = false;
  }
}

function watchEnd() {
  nearEnd.disconnect();
  const slides = list.querySelectorAll('.feed-entry');
  const trigger = slides[Math.max(0, slides.length - 2)];
  if (trigger) nearEnd.observe(trigger);
}

// The first page came with the HTML: its entries are rendered by the server with the same data the API gives.
for (const entry of JSON.parse(root.dataset.entries)) {
  const slide = entryElement(entry);
  list.append(slide);
  observe(slide);
}
watchEnd();
// Arrow keys and the buttons step one entry, as a swipe does.
function step(direction) {
  const slides = [...list.querySelectorAll('.feed-entry')];
  const top = list.scrollTop;
  const current = slides.findIndex(s => Math.abs(s.offsetTop - top) < s.offsetHeight / 2);
  const next = slides[Math.min(slides.length - 1, Math.max(0, current + direction))];
  next?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
root.querySelector('[data-feed-next]').addEventListener('click', () => step(1));
root.querySelector('[data-feed-previous]').addEventListener('click', () => step(-1));
document.addEventListener('keydown', e => { if (e.key === 'ArrowDown') step(1); if (e.key === 'ArrowUp') step(-1); });
root.dataset.ready = 'true';
