// Renders one LINE message object (as the bot sends it, or as a demo user sent it) to the
// HTML of a chat bubble, and quick replies to chips. Pure, like flex-render.js.
import { actionAttrs, escapeHtml, renderFlex, safeUrl } from './flex-render.js';

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/** Text with line breaks kept and web addresses made into links that open a new tab. */
export function linkify(value) {
  const text = String(value ?? '');
  let html = '';
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    html += escapeHtml(text.slice(last, m.index));
    html += `<a href="${escapeHtml(m[0])}" target="_blank" rel="noopener noreferrer">${escapeHtml(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

const img = (url, cls) => {
  const src = safeUrl(url);
  return src ? `<img class="${cls}" alt="" src="${escapeHtml(src)}">` : `<div class="${cls} msg-missing">รูปภาพ</div>`;
};

const button = (action) =>
  `<button type="button" class="tpl-action"${actionAttrs(action).replace(' tabindex="0" role="button"', '')}>${escapeHtml(action?.label ?? '')}</button>`;

function renderTemplate(t) {
  const actions = (list) => (Array.isArray(list) ? list.map(button).join('') : '');
  const column = (c) =>
    `<div class="tpl-card"${actionAttrs(c.defaultAction)}>${c.thumbnailImageUrl ? img(c.thumbnailImageUrl, 'tpl-thumb') : ''}${c.title ? `<div class="tpl-title">${escapeHtml(c.title)}</div>` : ''}<div class="tpl-text">${escapeHtml(c.text)}</div>${actions(c.actions)}</div>`;
  switch (t?.type) {
    case 'buttons':
      return column(t);
    case 'confirm':
      return `<div class="tpl-card"><div class="tpl-text">${escapeHtml(t.text)}</div><div class="tpl-row">${actions(t.actions)}</div></div>`;
    case 'carousel':
      return `<div class="fx-carousel">${(t.columns ?? []).map(column).join('')}</div>`;
    case 'image_carousel':
      return `<div class="fx-carousel">${(t.columns ?? []).map((c) => `<div class="tpl-card"${actionAttrs(c.action)}>${img(c.imageUrl, 'tpl-thumb')}</div>`).join('')}</div>`;
    default:
      return `<div class="msg-text">[template ${escapeHtml(t?.type ?? '?')}]</div>`;
  }
}

/**
 * `{kind, html}` for one message: kind `flex` (the Flex bubble is its own frame), `media`
 * (no bubble frame) or `text` (a speech bubble).
 */
export function renderMessage(message, options = {}) {
  const m = message ?? {};
  switch (m.type) {
    case 'text':
      return { kind: 'text', html: `<div class="msg-text">${linkify(m.text)}</div>` };
    case 'textV2':
      return {
        kind: 'text',
        html: `<div class="msg-text">${linkify(String(m.text ?? '').replace(/\{(\w+)\}/g, (all, key) => (m.substitution?.[key]?.type === 'mention' ? '@' + (m.substitution[key].mentionee?.userId ?? 'all') : all)))}</div>`,
      };
    case 'flex':
      return {
        kind: 'flex',
        html: `<div class="msg-flex" title="${escapeHtml(m.altText)}">${renderFlex(m.contents, options)}</div>`,
      };
    case 'image':
      return { kind: 'media', html: img(m.previewImageUrl ?? m.originalContentUrl, 'msg-image') };
    case 'sticker':
      return {
        kind: 'media',
        html: `<div class="msg-sticker" title="sticker ${escapeHtml(m.packageId)}/${escapeHtml(m.stickerId)}"><span>(^_^)</span><small>สติกเกอร์ ${escapeHtml(m.packageId)}/${escapeHtml(m.stickerId)}</small></div>`,
      };
    case 'location':
      return {
        kind: 'text',
        html: `<div class="msg-location"><span class="pin" aria-hidden="true"></span><b>${escapeHtml(m.title)}</b><br>${escapeHtml(m.address)}<br><small>${Number(m.latitude).toFixed(5)}, ${Number(m.longitude).toFixed(5)}</small></div>`,
      };
    case 'template':
      return {
        kind: 'flex',
        html: `<div class="msg-flex" title="${escapeHtml(m.altText)}">${renderTemplate(m.template)}</div>`,
      };
    case 'video':
    case 'audio':
    case 'imagemap':
      return {
        kind: 'text',
        html: `<div class="msg-text">[${escapeHtml(m.type)}]${m.altText ? ' ' + escapeHtml(m.altText) : ''}</div>`,
      };
    default:
      (options.unknown ?? []).push(`message: ${m.type}`);
      return { kind: 'text', html: `<div class="msg-text">[${escapeHtml(m.type ?? '?')}]</div>` };
  }
}

/** Quick-reply chips (LINE shows only the last message's; at most 13). */
export function renderQuickReply(quickReply) {
  const items = Array.isArray(quickReply?.items) ? quickReply.items.slice(0, 13) : [];
  return items
    .map((item) => {
      const icon = safeUrl(item.imageUrl);
      const label = item.action?.label ?? '';
      return `<button type="button" class="chip"${actionAttrs(item.action).replace(' tabindex="0" role="button"', '')}>${icon ? `<img alt="" src="${escapeHtml(icon)}">` : ''}${escapeHtml(label)}</button>`;
    })
    .join('');
}
