// The replay page: a product on the timeline (a card or a mark on the bar) seeks the video to when it was pinned,
// and the product being presented at the video's current time is highlighted.
const root = document.querySelector('[data-replay]');
if (root) {
  const video = root.querySelector('video');
  const products = [...root.querySelectorAll('.replay-product')];

  const seek = (offset) => {
    const end = Number.isFinite(video.duration) ? video.duration : Number(root.dataset.duration);
    video.currentTime = Math.max(0, Math.min(offset, end || offset));
    video.play().catch(() => { /* autoplay refused: the video stays at the offset, paused */ });
  };

  root.addEventListener('click', (event) => {
    const target = event.target.closest('button[data-offset]');
    if (!target) return;
    seek(Number(target.dataset.offset));
  });

  const highlight = () => {
    let current = null;
    for (const item of products) {
      if (Number(item.dataset.offset) <= video.currentTime + 0.05) current = item;
    }
    for (const item of products) item.classList.toggle('current', item === current);
  };
  video.addEventListener('timeupdate', highlight);
  video.addEventListener('seeked', highlight);
}
