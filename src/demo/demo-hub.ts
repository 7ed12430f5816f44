import type { Delivery, LineStandIn, LoadingEvent, Rejection } from './line-stand-in.js';

/** One line of a demo user's conversation, as the chat page draws it. */
export interface ChatItem {
  seq: number;
  from: 'user' | 'bot' | 'system';
  /** A LINE message object (what the bot sent, or what the user's action looks like). */
  message: unknown;
  /** For bot messages: reply, push, multicast or broadcast. */
  via?: Delivery['kind'];
  at: number;
}

/** `new`: never followed; `friend`: followed (or unblocked); `blocked`: unfollowed. */
export type Friendship = 'new' | 'friend' | 'blocked';

export type HubEvent =
  | { type: 'item'; item: ChatItem }
  | { type: 'loading'; seconds: number }
  | { type: 'friendship'; friendship: Friendship }
  /** Another rich menu became the default: the page fetches it again. */
  | { type: 'richmenu' };

interface UserChat {
  friendship: Friendship;
  history: ChatItem[];
  listeners: Set<(event: HubEvent) => void>;
}

const MAX_USERS = 200;
const MAX_ITEMS = 300;

/**
 * Who the demo users are, what each has seen, and who is listening: the stand-in's deliveries
 * are fanned out to the users they target, never to a user who blocked the account (LINE
 * answers 200 to such pushes but the user sees nothing).
 */
export class DemoHub {
  private readonly users = new Map<string, UserChat>();
  private seq = 0;
  private readonly detach: () => void;

  constructor(
    standIn: LineStandIn,
    private readonly now: () => number = Date.now,
  ) {
    const onMessage = (d: Delivery) => this.deliver(d);
    const onLoading = (e: LoadingEvent) =>
      this.users.get(e.chatId)?.listeners.forEach((fn) => fn({ type: 'loading', seconds: e.loadingSeconds }));
    const onRejected = (r: Rejection) => this.reject(r);
    const onRichMenu = () => this.users.forEach((c) => c.listeners.forEach((fn) => fn({ type: 'richmenu' })));
    standIn.on('message', onMessage);
    standIn.on('loading', onLoading);
    standIn.on('rejected', onRejected);
    standIn.on('richmenu', onRichMenu);
    this.detach = () => {
      standIn.off('message', onMessage);
      standIn.off('loading', onLoading);
      standIn.off('rejected', onRejected);
      standIn.off('richmenu', onRichMenu);
    };
  }

  /** The user's chat, created on first sight; only the most recently created users are kept. */
  private chat(userId: string): UserChat {
    let chat = this.users.get(userId);
    if (!chat) {
      if (this.users.size >= MAX_USERS) {
        const idle = [...this.users].find(([, c]) => c.listeners.size === 0);
        if (idle) this.users.delete(idle[0]);
      }
      chat = { friendship: 'new', history: [], listeners: new Set() };
      this.users.set(userId, chat);
    }
    return chat;
  }

  friendship(userId: string): Friendship {
    return this.users.get(userId)?.friendship ?? 'new';
  }

  setFriendship(userId: string, friendship: Friendship): void {
    const chat = this.chat(userId);
    chat.friendship = friendship;
    chat.listeners.forEach((fn) => fn({ type: 'friendship', friendship }));
  }

  /** Adds a line to the user's conversation and tells the page. */
  record(userId: string, item: Omit<ChatItem, 'seq' | 'at'>): ChatItem {
    const chat = this.chat(userId);
    const full: ChatItem = { ...item, seq: ++this.seq, at: this.now() };
    chat.history.push(full);
    // Only keep the most recent lines
    if (chat.history.length > MAX_ITEMS) chat.history.splice(0, chat.history.length - MAX_ITEMS);
    chat.listeners.forEach((fn) => fn({ type: 'item', item: full }));
    return full;
  }

  /** The user's lines after `afterSeq`, then live events until the returned function is called. */
  subscribe(
    userId: string,
    afterSeq: number,
    listener: (event: HubEvent) => void,
  ): { history: ChatItem[]; unsubscribe: () => void } {
    const chat = this.chat(userId);
    chat.listeners.add(listener);
    return {
      history: chat.history.filter((i) => i.seq > afterSeq),
      unsubscribe: () => chat.listeners.delete(listener),
    };
  }

  close(): void {
    this.detach();
    this.users.forEach((c) => c.listeners.clear());
  }

  /** Shows the page's user that the bot tried to send something LINE would have refused. */
  private reject(r: Rejection): void {
    const body = (r.response ?? {}) as { message?: string; details?: { property: string; message: string }[] };
    const details = (body.details ?? [])
      .slice(0, 3)
      .map((d) => `${d.property} ${d.message}`)
      .join('; ');
    const text = `(LINE ปฏิเสธข้อความของบอท: ${r.status} ${body.message ?? ''}${details ? ` — ${details}` : ''})`;
    const targets = r.to === 'all' ? [...this.users.keys()] : r.to;
    for (const userId of targets)
      if (this.users.has(userId)) this.record(userId, { from: 'system', message: { type: 'text', text } });
  }

  private deliver(d: Delivery): void {
    const targets = d.to === 'all' ? [...this.users.keys()].filter((u) => this.friendship(u) === 'friend') : d.to;
    for (const userId of targets) {
      if (this.friendship(userId) === 'blocked') continue;
      for (const message of d.messages) this.record(userId, { from: 'bot', message, via: d.kind });
    }
  }
}
