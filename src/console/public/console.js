// Staff console enhancements. Every page works without this file; it adds confirmations,
// a print button and the live preview of a publication. No inline script or style is used:
// the Flex renderer's style attributes are moved into the CSSOM, which the CSP allows.
import { renderFlex } from './flex-render.js';

for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

/**
 * Puts rendered Flex HTML into `target` with no style attribute ever parsed (the CSP refuses
 * them): the renderer's `style="…"` (values escaped, so no quote inside) become data
 * attributes, and each element gets its style through `element.style`, which the CSP allows.
 */
export function showFlex(target, container) {
  const markup = renderFlex(container).replace(/ style="([^"]*)"/g, ' data-fx-style="$1"');
  const template = document.createElement('template');
  template.innerHTML = markup;
  for (const el of template.content.querySelectorAll('[data-fx-style]')) {
    el.style.cssText = el.getAttribute('data-fx-style');
    el.removeAttribute('data-fx-style');
  }
  target.replaceChildren(template.content);
}

/** Compose forms with `data-preview-url`: the server builds the exact message, this draws it. */
for (const form of document.querySelectorAll('form[data-preview-url]')) {
  const target = document.getElementById(form.dataset.previewTarget);
  const csrf = form.querySelector('input[name="_csrf"]').value;
  let timer = 0;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    const fields = Object.fromEntries(
      [...new FormData(form)].filter(([k, v]) => k !== '_csrf' && typeof v === 'string'),
    );
    const res = await fetch(form.dataset.previewUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(fields),
      credentials: 'same-origin',
    });
    if (mine !== asked) return;
    const body = await res.json().catch(() => ({}));
    if (res.ok && body.message) {
      const contents = body.message.type === 'flex' ? body.message.contents : null;
      if (contents) showFlex(target, contents);
      else target.textContent = body.message.text ?? '';
      target.dataset.state = 'ready';
    } else {
      target.textContent = body.error ?? 'ยังแสดงตัวอย่างไม่ได้: กรอกชื่อเรื่องและเนื้อหา';
      target.dataset.state = 'incomplete';
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  refresh();
}

/** A message embedded as JSON (publication page): drawn once on load. */
for (const target of document.querySelectorAll('[data-flex-source]')) {
  const message = JSON.parse(document.getElementById(target.dataset.flexSource)?.textContent || 'null');
  if (message?.type === 'flex') showFlex(target, message.contents);
  else if (message) target.textContent = message.text ?? '';
}
