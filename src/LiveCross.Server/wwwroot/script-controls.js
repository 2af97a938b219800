// Buttons whose work a page script does render `disabled data-enabled-by-script`; the script calls this once it listens,
// so a click before it has run cannot post a form natively or go unheard. A button the server renders unusable carries
// no mark and stays disabled.
export function enableScriptControls(root) {
  root.querySelectorAll('[data-enabled-by-script]').forEach((control) => { control.disabled = false; });
}
