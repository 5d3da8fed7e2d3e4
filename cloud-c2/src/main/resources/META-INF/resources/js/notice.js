// One line under the top bar for what the server answered: errors (problem+json, shown in full) and
// confirmations. Never a modal dialog.
const box = () => document.getElementById('notice');

export function showError(error) {
  const el = box();
  el.className = '';
  el.textContent = error.message || String(error);
  el.hidden = false;
}

export function showOk(text) {
  const el = box();
  el.className = 'ok';
  el.textContent = text;
  el.hidden = false;
}

/** Runs an action; its failure is shown, never thrown. */
export async function attempt(action, okText) {
  try {
    const result = await action();
    if (okText) {
      showOk(okText);
    }
    return result;
  } catch (e) {
    showError(e);
    return undefined;
  }
}
