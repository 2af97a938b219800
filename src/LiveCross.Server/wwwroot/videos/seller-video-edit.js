// Editing one video: titles and markets, product tags, captions, publish and hide, each saved through the seller's or creator's video API.
import { enableScriptControls } from '/script-controls.js';

const root = document.querySelector('[data-video-edit]');
if (root) {
  const url = `${root.dataset.api ?? '/api/v1/seller/videos'}/${root.dataset.videoId}`;
  const token = root.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const error = root.querySelector('[data-edit-error]');
  const saved = root.querySelector('[data-edit-status]');

  const send = async (method, path, body, contentType = 'application/json') => {
    error.hidden = true;
    saved.textContent = '';
    const response = await fetch(path, {
      method, headers: { RequestVerificationToken: token, Accept: 'application/json', 'Content-Type': contentType },
      body: contentType === 'application/json' && body !== undefined ? JSON.stringify(body) : body,
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    await showProblem(response);
  };

  const showProblem = async (response) => {
    const problem = await response.json().catch(() => ({}));
    const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    error.textContent = fields.length ? fields.join(' · ') : (problem.detail ?? problem.title ?? `HTTP ${response.status}`);
    error.hidden = false;
  };

  root.querySelector('[data-delete-video]')?.addEventListener('click', async (event) => {
    if (!window.confirm(event.currentTarget.dataset.confirm)) return;
    error.hidden = true;
    const response = await fetch(url, { method: 'DELETE', headers: { RequestVerificationToken: token, Accept: 'application/json' } });
    if (response.ok) {
      window.location.assign(root.dataset.console ?? '/seller/videos');
      return;
    }
    await showProblem(response);
  });

  root.querySelectorAll('[data-delete-caption]').forEach((button) => button.addEventListener('click', () => {
    if (window.confirm(button.dataset.confirm)) send('DELETE', `${url}/captions/${encodeURIComponent(button.dataset.deleteCaption)}`);
  }));

  root.querySelectorAll('[data-action]').forEach((button) => button.addEventListener('click', () => send('POST', `${url}/${button.dataset.action}`)));

  root.querySelector('[data-details-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const texts = [...form.querySelectorAll('fieldset[data-locale]')]
      .map((set) => ({ locale: set.dataset.locale, title: set.querySelector('[name="title"]').value.trim(), description: set.querySelector('[name="description"]').value.trim() || null }))
      .filter((t) => t.title);
    const markets = [...form.querySelectorAll('input[name="market"]:checked')].map((box) => box.value);
    send('PUT', url, { defaultLocale: form.querySelector('[name="defaultLocale"]').value, texts, markets });
  });

  const tags = root.querySelector('[data-tags-form]');
  const rows = tags.querySelector('[data-tag-rows]');
  tags.querySelector('[data-add-tag]').addEventListener('click', () => rows.append(tags.querySelector('[data-tag-template]').content.cloneNode(true)));
  tags.addEventListener('click', (event) => event.target.closest('[data-remove-tag]')?.closest('tr').remove());

  // A creator's product list spans every seller: the search narrows each product list to matching titles and sellers.
  root.querySelector('[data-product-search]')?.addEventListener('input', (event) => {
    const term = event.currentTarget.value.trim().toLowerCase();
    const selects = [...rows.querySelectorAll('select[name="productId"]'), ...tags.querySelector('[data-tag-template]').content.querySelectorAll('select[name="productId"]')];
    for (const select of selects) {
      for (const option of select.options) option.hidden = term !== '' && !option.textContent.toLowerCase().includes(term) && !option.selected;
    }
    const last = [...rows.querySelectorAll('select[name="productId"]')].at(-1);
    const first = last && [...last.options].find((option) => !option.hidden && option.textContent.toLowerCase().includes(term));
    if (first && term !== '') last.value = first.value;
  });
  tags.addEventListener('submit', (event) => {
    event.preventDefault();
    const list = [...rows.querySelectorAll('[data-tag-row]')].map((row) => ({
      productId: row.querySelector('[name="productId"]').value,
      startSecond: Number(row.querySelector('[name="startSecond"]').value),
      endSecond: Number(row.querySelector('[name="endSecond"]').value),
    }));
    send('PUT', `${url}/tags`, { tags: list });
  });

  root.querySelector('[data-captions-form]').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const file = form.querySelector('input[type="file"]').files[0];
    if (!file) return;
    send('PUT', `${url}/captions/${form.querySelector('[name="locale"]').value}`, await file.text(), 'text/vtt');
  });
  enableScriptControls(root);
}
