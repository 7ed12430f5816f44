// Staff console enhancements. Every page works without this file; it adds confirmations,
// a print button and the live preview of a publication. No inline script or style is used:
// the Flex renderer's style attributes are moved into the CSSOM, which the CSP allows.
import { renderFlex } from '/staff/assets/flex-render.js';

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
 * Puts rendered Flex HTML into `target` without style attributes in the markup: the HTML is
 * parsed in an inert document, each element's style is taken off and set again through
 * `element.style` once the node is in the page.
 */
export function showFlex(target, container) {
  const parsed = new DOMParser().parseFromString(`<div>${renderFlex(container)}</div>`, 'text/html');
  const root = parsed.body.firstElementChild;
  const styled = [...root.querySelectorAll('[style]')];
  const css = styled.map((el) => el.getAttribute('style'));
  styled.forEach((el, i) => {
    el.removeAttribute('style');
    el.setAttribute('data-s', String(i));
  });
  const imported = document.importNode(root, true);
  for (const el of imported.querySelectorAll('[data-s]')) {
    el.style.cssText = css[Number(el.dataset.s)];
    el.removeAttribute('data-s');
  }
  target.replaceChildren(...imported.childNodes);
}

/** Compose forms with `data-preview-url`: the server builds the exact message, this draws it. */
for (const form of document.querySelectorAll('form[data-preview-url]')) {
  const target = document.getElementById(form.dataset.previewTarget);
  const csrf = form.querySelector('input[name="_csrf"]').value;
  let timer = 0;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    const fields = Object.fromEntries([...new FormData(form)].filter(([k, v]) => k !== '_csrf' && typeof v === 'string'));
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
