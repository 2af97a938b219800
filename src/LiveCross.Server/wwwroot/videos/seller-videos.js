// The video console (sellers' and creators'): a chunked, resumable upload with a progress bar, then the transcode progress of each video, polled.
import { enableScriptControls } from '/script-controls.js';

const root = document.querySelector('[data-seller-videos]');
if (root) {
  const api = root.dataset.api ?? '/api/v1/seller/videos';
  const token = root.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const chunkSize = 4 * 1024 * 1024;
  const form = root.querySelector('[data-upload-form]');
  const bar = root.querySelector('[data-upload-progress]');
  const status = root.querySelector('[data-upload-status]');
  const headers = (extra = {}) => ({ RequestVerificationToken: token, Accept: 'application/json', ...extra });
  const reason = async (response) => {
    const problem = await response.json().catch(() => ({}));
    const fields = Object.values(problem.errors ?? {}).flat();
    return fields.length ? fields.join(' ') : (problem.detail ?? problem.title ?? `HTTP ${response.status}`);
  };

  // Uploads under way are remembered per file, so a reload or a dropped connection resumes where the server says.
  const key = (file) => `livecross-upload:${file.name}:${file.size}:${file.lastModified}`;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.querySelector('input[type="file"]').files[0];
    if (!file) return;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = 'Uploading…';
    try {
      let upload = null;
      const known = localStorage.getItem(key(file));
      if (known) {
        const response = await fetch(`${api}/uploads/${known}`, { headers: headers() });
        if (response.ok) upload = await response.json();
      }
      if (!upload) {
        const response = await fetch(`${api}/uploads`, {
          method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ fileName: file.name, totalBytes: file.size }),
        });
        if (!response.ok) throw new Error(await reason(response));
        upload = await response.json();
        localStorage.setItem(key(file), upload.id);
      }
      let sent = upload.receivedBytes;
      while (sent < file.size) {
        const end = Math.min(sent + chunkSize, file.size);
        const response = await fetch(`${api}/uploads/${upload.id}`, {
          method: 'PUT', headers: headers({ 'Content-Range': `bytes ${sent}-${end - 1}/${file.size}`, 'Content-Type': 'application/octet-stream' }), body: file.slice(sent, end),
        });
        if (response.status === 409) {
          sent = (await (await fetch(`${api}/uploads/${upload.id}`, { headers: headers() })).json()).receivedBytes;
          continue;
        }
        if (!response.ok) throw new Error(await reason(response));
        sent = (await response.json()).receivedBytes;
        bar.value = Math.round((sent / file.size) * 100);
      }
      status.textContent = 'Checking the file…';
      const title = form.querySelector('input[name="title"]').value.trim();
      const finished = await fetch(`${api}/uploads/${upload.id}/finish`, {
        method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(title ? { title } : {}),
      });
      localStorage.removeItem(key(file));
      if (!finished.ok) throw new Error(await reason(finished));
      status.textContent = 'Uploaded; transcoding…';
      window.location.reload();
    } catch (error) {
      status.textContent = `Upload refused: ${error.message}`;
      bar.hidden = true;
    }
  });

  const poll = async () => {
    const rows = [...root.querySelectorAll('[data-video-row]')].filter((r) => r.dataset.job === 'pending' || r.dataset.job === 'running');
    for (const row of rows) {
      const response = await fetch(`${api}/${row.dataset.videoId}`, { headers: headers() });
      if (!response.ok) continue;
      const video = await response.json();
      row.dataset.job = video.job;
      row.querySelector('[data-progress]').value = video.progress;
      row.querySelector('[data-status]').textContent = video.status;
      row.querySelector('[data-job-text]').textContent = video.job === 'done' ? 'ready'
        : video.job === 'failed' ? `failed: ${video.lastError}`
          : video.job === 'running' ? `${video.progress} %` : (video.lastError ? `retrying (${video.lastError})` : 'waiting');
    }
    if (rows.length) setTimeout(poll, 1000);
  };
  poll();
  enableScriptControls(root);
}
