// The conversation area of the chat page: draws each line (the resident's, the bot's, system
// notes), the typing dots, and the quick-reply chips of the last bot message, as LINE does.
import { escapeHtml } from './flex-render.js';
import { fitText } from './fit-text.js';
import { renderMessage, renderQuickReply } from './message-render.js';

const clock = new Intl.DateTimeFormat('th-TH', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bangkok' });
const AVATAR = '<span class="avatar" aria-hidden="true">บ</span>';

/** `chat` and `chips` are the page's elements; `botName()` names the bot over its first line. */
export function createConversation({ chat, chips, botName }) {
  let maxSeq = 0;
  let lastFrom = null;
  let loadingTimer = 0;

  const scrollDown = () => (chat.scrollTop = chat.scrollHeight);

  function row(cls, inner) {
    const el = document.createElement('div');
    el.className = `row ${cls}`;
    el.innerHTML = inner;
    chat.append(el);
    scrollDown();
    return el;
  }

  function hideLoading() {
    clearTimeout(loadingTimer);
    chat.querySelector('.row.loading')?.remove();
  }

  function bubbleOf(message) {
    const unknown = [];
    let rendered;
    try {
      rendered = renderMessage(message, { unknown });
    } catch (err) {
      rendered = { kind: 'text', html: `<div class="msg-text">[แสดงข้อความไม่ได้: ${escapeHtml(err.message)}]</div>` };
    }
    const html = `<div class="bubble ${rendered.kind}"${unknown.length ? ` data-unknown="${escapeHtml(unknown.join('; '))}"` : ''}>${rendered.html}</div>`;
    return { kind: rendered.kind, html };
  }

  return {
    scrollDown,
    hideLoading,
    showLoading(seconds) {
      hideLoading();
      row(
        'bot loading',
        `${AVATAR}<div class="bubble text" aria-label="กำลังพิมพ์"><span class="dots"><i></i><i></i><i></i></span></div>`,
      );
      loadingTimer = setTimeout(hideLoading, Math.min(seconds, 60) * 1000);
    },
    /** Adds one line of the conversation (once: lines carry increasing `seq`). */
    add(item) {
      if (item.seq <= maxSeq) return;
      maxSeq = item.seq;
      const time = `<time>${clock.format(new Date(item.at))}</time>`;
      if (item.from === 'system') return void row('system', `<span>${escapeHtml(item.message?.text)}</span>`);
      const bubble = bubbleOf(item.message);
      if (item.from === 'user') {
        row('user', `${time}${bubble.html}`);
        chips.replaceChildren();
      } else {
        hideLoading();
        const first = lastFrom !== 'bot';
        const head = first ? AVATAR : `<span class="avatar-space"></span>`;
        const name = first ? `<div class="name">${escapeHtml(botName())}</div>` : '';
        fitText(
          row(
            `bot${bubble.kind === 'flex' ? ' wide' : ''}`,
            `${head}<div class="col">${name}<div class="line">${bubble.html}${time}</div></div>`,
          ),
        );
        // LINE shows only the quick reply of the last message received
        chips.innerHTML = renderQuickReply(item.message?.quickReply);
        scrollDown(); // the chips took height from the conversation
      }
      lastFrom = item.from;
    },
    clear() {
      maxSeq = 0;
      lastFrom = null;
      hideLoading();
      chat.replaceChildren();
      chips.replaceChildren();
    },
  };
}
