// The demo chat page: plays a LINE client. Everything the user does is POSTed to the demo API,
// which turns it into a signed webhook for the bot; what the bot sends arrives as Server-Sent
// Events from the LINE stand-in. No inline script, no framework.
import { escapeHtml } from './flex-render.js';
import { createPerformer } from './chat-actions.js';
import { createConversation } from './conversation.js';
import { fitText } from './fit-text.js';
import { richMenuHtml } from './rich-menu.js';

const $ = (id) => document.getElementById(id);
const api = (p) => new URL(p, document.baseURI).href;
const DEMO_LOCATION = {
  type: 'location',
  title: 'ตำแหน่งที่แชร์ (ทดลอง)',
  address: 'ตำแหน่งตัวอย่างสำหรับการสาธิต',
  latitude: 15.75,
  longitude: 104.2,
};
let perform = () => {};

const state = { config: null, users: [], user: null, source: null, epoch: null, friendship: 'new' };
const conversation = createConversation({
  chat: $('chat'),
  chips: $('quick-replies'),
  botName: () => state.config.botName,
});

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), 3000);
}

async function post(path, body, type = 'application/json') {
  const res = await fetch(api(path), {
    method: 'POST',
    headers: { 'content-type': type },
    body: type === 'application/json' ? JSON.stringify(body) : body,
  });
  if (!res.ok) toast(`ส่งไม่สำเร็จ (${res.status})`);
  return res.ok;
}

/** Sends one user action (text, postback, follow ...) as the current demo user. */
function send(action) {
  if (action.type !== 'follow' && state.friendship === 'blocked') return Promise.resolve(toast('เลิกบล็อกก่อนจึงจะคุยได้'));
  $('quick-replies').replaceChildren();
  return post('demo/api/send', { user: state.user, action });
}

function setFriendship(friendship) {
  const remembered = localStorage.getItem(`demo-friendship:${state.user}`);
  // The server restarted and forgot: tell it what this resident was (the bot still knows)
  if (friendship === 'new' && (remembered === 'friend' || remembered === 'blocked'))
    void post('demo/api/friendship', { user: state.user, friendship: remembered });
  if (friendship !== 'new') localStorage.setItem(`demo-friendship:${state.user}`, friendship);
  state.friendship = friendship;
  const blocked = friendship === 'blocked';
  $('friend-banner').hidden = friendship === 'friend';
  $('friend-text').textContent = blocked ? 'คุณบล็อกบัญชีนี้อยู่ จะไม่ได้รับข้อความจากบัญชีนี้' : 'ยังไม่ได้เป็นเพื่อนกับบัญชีนี้';
  $('follow').textContent = blocked ? 'เลิกบล็อก' : 'เพิ่มเพื่อน';
  $('block').hidden = blocked;
  for (const el of document.querySelectorAll('#composer input, #composer button, #rich-menu button'))
    el.disabled = blocked;
  document.body.dataset.friendship = friendship;
}

function connect(userId) {
  state.source?.close();
  state.user = userId;
  state.epoch = null;
  localStorage.setItem('demo-user', userId);
  conversation.clear();
  const source = new EventSource(api(`demo/api/events?user=${encodeURIComponent(userId)}`));
  source.addEventListener('hello', (e) => {
    // The server restarted: its history starts afresh, and so does the page (its menu may be new)
    const { epoch } = JSON.parse(e.data);
    if (state.epoch && state.epoch !== epoch) {
      conversation.clear();
      void refreshRichMenu();
    }
    state.epoch = epoch;
    document.body.dataset.epoch = epoch;
  });
  source.addEventListener('item', (e) => conversation.add(JSON.parse(e.data)));
  source.addEventListener('loading', (e) => conversation.showLoading(JSON.parse(e.data).seconds));
  source.addEventListener('friendship', (e) => setFriendship(JSON.parse(e.data).friendship));
  source.addEventListener('richmenu', () => refreshRichMenu());
  source.addEventListener('open', () => (document.body.dataset.connected = userId));
  state.source = source;
}

function toggleMenu(open = $('rich-menu').hidden) {
  $('rich-menu').hidden = !open;
  $('menu-bar').setAttribute('aria-expanded', String(open));
}

function renderRichMenu(menu) {
  $('rich-menu').innerHTML = richMenuHtml(menu, api);
  $('menu-bar-text').textContent = menu.chatBarText || 'เมนู';
}

/** A new default rich menu was set (e.g. by `npm run richmenu` against the stand-in): show it. */
async function refreshRichMenu() {
  const config = await (await fetch(api('demo/api/config'))).json();
  state.config.richMenu = config.richMenu;
  renderRichMenu(config.richMenu);
  setFriendship(state.friendship); // new areas start enabled: keep them off while blocked
}

function fillUsers() {
  $('user-select').innerHTML = state.users
    .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)}</option>`)
    .join('');
  $('user-select').value = state.user;
}

function addUser() {
  const hex = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const extra = JSON.parse(localStorage.getItem('demo-extra-users') || '[]');
  extra.push({ id: `U${hex}`, name: `ผู้ใช้ใหม่ ${extra.length + 1}` });
  localStorage.setItem('demo-extra-users', JSON.stringify(extra));
  state.users = [...state.config.users, ...extra];
  connect(`U${hex}`);
  fillUsers();
}

async function sendImage(file) {
  if (!file) return;
  if (file.size > 10 * 1024 * 1024) return toast('รูปใหญ่เกิน 10 MB');
  $('quick-replies').replaceChildren();
  await post(`demo/api/image?user=${encodeURIComponent(state.user)}`, file, file.type || 'image/jpeg');
}

function wire() {
  // Images arrive after their row: keep the newest line in view
  $('chat').addEventListener('load', conversation.scrollDown, true);
  document.addEventListener('click', (e) => {
    const el = e.target.closest('[data-action]');
    if (!el || el.disabled || e.target.closest('a[href]')) return;
    e.preventDefault();
    perform(JSON.parse(el.dataset.action));
  });
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && e.target.matches?.('[role="button"][data-action]')) {
      e.preventDefault();
      e.target.click();
    }
  });
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (text) send({ type: 'text', text }).then(() => ($('text').value = ''));
  });
  $('more').addEventListener('click', () => {
    $('extras').hidden = !$('extras').hidden;
    $('more').setAttribute('aria-expanded', String(!$('extras').hidden));
  });
  $('send-image').addEventListener('click', () => $('image-input').click());
  $('image-input').addEventListener('change', (e) => sendImage(e.target.files[0]).finally(() => (e.target.value = '')));
  $('send-location').addEventListener('click', () => send(DEMO_LOCATION));
  $('send-sticker').addEventListener('click', () => send({ type: 'sticker', packageId: '446', stickerId: '1988' }));
  $('follow').addEventListener('click', () => send({ type: 'follow' }));
  $('block').addEventListener('click', () => send({ type: 'unfollow' }));
  $('menu-bar').addEventListener('click', () => toggleMenu());
  $('user-select').addEventListener('change', (e) => connect(e.target.value));
  $('new-user').addEventListener('click', addUser);
  $('large-text').addEventListener('change', (e) => {
    document.documentElement.classList.toggle('large-text', e.target.checked);
    fitText($('chat'), true);
    localStorage.setItem('demo-large-text', e.target.checked ? '1' : '');
  });
}

async function main() {
  state.config = await (await fetch(api('demo/api/config'))).json();
  document.title = `${state.config.botName} (โหมดสาธิต)`;
  $('bot-name').textContent = state.config.botName;
  state.users = [...state.config.users, ...JSON.parse(localStorage.getItem('demo-extra-users') || '[]')];
  const saved = localStorage.getItem('demo-user');
  state.user = state.users.some((u) => u.id === saved) ? saved : state.users[0].id;
  $('large-text').checked = Boolean(localStorage.getItem('demo-large-text'));
  document.documentElement.classList.toggle('large-text', $('large-text').checked);
  renderRichMenu(state.config.richMenu);
  fillUsers();
  perform = createPerformer({
    send,
    toast,
    toggleMenu,
    location: DEMO_LOCATION,
    pickImage: () => $('image-input').click(),
  });
  wire();
  connect(state.user);
  document.body.dataset.ready = '1';
}

main().catch((err) => toast(`เปิดหน้าไม่สำเร็จ: ${err.message}`));
