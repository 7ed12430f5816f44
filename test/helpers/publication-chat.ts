import { expect } from 'vitest';
import type { TestBot } from './bot.js';
import type { RecordedCall } from './line-nock.js';

/** What the component tests of subscriptions and publications read from LINE calls. */
export type Msg = {
  type: string;
  altText?: string;
  text?: string;
  contents?: unknown;
  quickReply?: { items: Array<{ action: { label: string; text?: string; data?: string } }> };
};

export function lastReply(bot: TestBot): Msg[] {
  const replies = bot.line.replies();
  expect(replies.length).toBeGreaterThan(0);
  return replies.at(-1)!.body.messages as Msg[];
}

/** Everything a reply shows, as one string, to assert on what the resident reads. */
export function shown(messages: readonly Msg[]): string {
  return JSON.stringify(messages);
}

/** Postback data of every button and quick reply in the messages, by label. */
export function buttons(messages: readonly Msg[]): Map<string, string> {
  const found = new Map<string, string>();
  JSON.stringify(messages, (_key, value: unknown) => {
    // The replacer sees every value, null included
    const action = value as { type?: string; label?: string; data?: string } | null;
    if (action?.type === 'postback' && action.label && action.data)
      found.set(`${action.label}|${action.data}`, action.data);
    return value;
  });
  return found;
}

/** The postback data of the settings-card button that turns `topic` on ('1') or off ('0'). */
export function topicButton(messages: readonly Msg[], topic: string, on: '0' | '1'): string {
  const data = [...buttons(messages).values()].find((d) => d === `a=topic&id=${topic}&on=${on}`);
  expect(data, `no button setting ${topic} to ${on}`).toBeDefined();
  return data!;
}

export const multicasts = (bot: TestBot): RecordedCall[] =>
  bot.line.calls.filter((c) => c.path === '/v2/bot/message/multicast');

export type Decision = number | { status: number; body?: unknown; accepted?: boolean };

/**
 * LINE's memory of retry keys, for nock's `respond`: a request whose key LINE accepted
 * before gets 409; `decide` answers the others (a number, or `{status, accepted: true}` for
 * "LINE took it but the answer was lost"). `accepted` lists what LINE delivered, once each.
 */
export function lineMemory(decide: (call: RecordedCall, n: number) => Decision = () => 200) {
  const keys = new Set<string>();
  const accepted: RecordedCall[] = [];
  let n = 0;
  return {
    accepted,
    respond(call: RecordedCall): [number, unknown?] {
      const key = call.headers['x-line-retry-key'];
      if (call.path === '/v2/bot/message/reply' || !key) return [200];
      if (keys.has(key)) return [409, { message: 'The retry key is already accepted' }];
      n += 1;
      const raw = decide(call, n);
      const d = typeof raw === 'number' ? { status: raw } : raw;
      if (d.accepted ?? d.status === 200) {
        keys.add(key);
        accepted.push(call);
      }
      return [d.status, d.body];
    },
    /** How many accepted requests reached each user id. */
    deliveries(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const call of accepted)
        for (const to of (call.body.to as string[] | undefined) ?? []) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
  };
}
