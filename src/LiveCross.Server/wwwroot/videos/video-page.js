// The video page: product cards appear while the video is at their time; like, comment and share call the API and
// report to the event tracker (window.LiveCrossEvents, optional: the page works before the tracker is loaded).
import { enableScriptControls } from '/script-controls.js';

const root = document.querySelector('[data-video]');
if (root) {
  const videoId = root.dataset.videoId;
  const video = root.querySelector('video');
  const cards = [...root.querySelectorAll('.tag-card')];
  const antiforgery = root.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const track = (type, fields = {}) => window.LiveCrossEvents?.track(type, { videoId, ...fields });

  // Mobile first: a narrow screen plays the smallest rendition; the browser takes the first <source> otherwise.
  const sources = (video.dataset.sources || '').split(',').filter(Boolean).map((s) => {
    const at = s.indexOf(':');
    return { height: Number(s.slice(0, at)), url: s.slice(at + 1) };
  });
  if (sources.length > 1 && window.innerWidth < 600) {
    const smallest = sources.reduce((a, b) => (b.height < a.height ? b : a));
    video.src = smallest.url;
  }
  video.muted = true;
  video.play().catch(() => { /* autoplay refused: the controls stay */ });

  const showCards = () => {
    const t = video.currentTime;
    for (const card of cards) {
      card.hidden = !(t >= Number(card.dataset.start) && t < Number(card.dataset.end));
    }
  };
  video.addEventListener('timeupdate', showCards);
  video.addEventListener('seeked', showCards);

  let started = false;
  const reached = new Set();
  video.addEventListener('playing', () => {
    if (started) return;
    started = true;
    track('view_start');
  });
  video.addEventListener('timeupdate', () => {
    if (!Number.isFinite(video.duration) || video.duration <= 0) return;
    const percent = (video.currentTime / video.duration) * 100;
    for (const mark of [25, 50, 75]) {
      if (percent >= mark && !reached.has(mark)) {
        reached.add(mark);
        track('watch_progress', { percent: mark, watchSeconds: Math.round(video.currentTime) });
      }
    }
  });
  // A looping video never fires 'ended': its wrap from the end to the start counts as the 100 % mark.
  let last = 0;
  video.addEventListener('timeupdate', () => {
    if (video.currentTime + 0.5 < last && last >= video.duration - 1 && !reached.has(100)) {
      reached.add(100);
      track('watch_progress', { percent: 100, watchSeconds: Math.round(video.duration) });
    }
    last = video.currentTime;
  });

  root.addEventListener('click', (event) => {
    const link = event.target.closest('.tag-card, [data-product-link]');
    if (link) track('tag_click', { productId: link.dataset.productId });
  });

  const post = (url, body) => fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: antiforgery },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  const like = root.querySelector('[data-like]');
  like?.addEventListener('click', async () => {
    const response = await post(`/api/v1/videos/${videoId}/likes`);
    if (!response.ok) return;
    const result = await response.json();
    like.setAttribute('aria-pressed', 'true');
    like.textContent = like.dataset.format.replace('{0}', String(result.likes));
    track('like');
  });

  const share = root.querySelector('[data-share]');
  const shareStatus = root.querySelector('[data-share-status]');
  share?.addEventListener('click', async () => {
    const url = root.dataset.shareUrl;
    try {
      if (navigator.share) await navigator.share({ url, title: document.title });
      else {
        await navigator.clipboard.writeText(url);
        shareStatus.textContent = root.dataset.copied;
      }
    } catch {
      shareStatus.textContent = url;
    }
    track('share');
  });

  const form = root.querySelector('[data-comment-form]');
  const error = root.querySelector('[data-comment-error]');
  const list = root.querySelector('[data-comments]');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.querySelector('input[name="text"]');
    const response = await post(`/api/v1/videos/${videoId}/comments`, { text: input.value });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const reason = problem.errors?.text?.[0] ?? problem.detail ?? problem.title ?? '';
      error.textContent = `${root.dataset.refused} ${reason}`;
      error.hidden = false;
      return;
    }
    const comment = await response.json();
    error.hidden = true;
    const item = document.createElement('li');
    const author = document.createElement('strong');
    author.textContent = comment.author;
    const text = document.createElement('span');
    text.textContent = ` ${comment.text}`;
    item.append(author, text);
    list.prepend(item);
    root.querySelector('[data-no-comments]')?.remove();
    input.value = '';
    track('comment');
  });
  enableScriptControls(root);
}
