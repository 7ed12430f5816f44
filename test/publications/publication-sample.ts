import { randomBytes } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { Publication } from '../../src/publications/publication.js';

/** A scheduled publication as staff would make it, with fields to override. */
export function samplePublication(over: Partial<Publication> = {}): Publication {
  return {
    id: `pub-${randomBytes(5).toString('hex')}`,
    topic: 'news',
    title: 'ประชาคมหมู่บ้าน',
    body: 'ขอเชิญประชาชนร่วมประชุมประชาคมหมู่บ้านที่ศาลาประชาคม',
    url: null,
    imageUrl: null,
    urgent: false,
    createdBy: 'staff-a',
    source: 'api',
    createdAt: '2026-03-01T01:00:00.000Z',
    publishAt: '2026-03-01T02:00:00.000Z',
    status: 'scheduled',
    deliveryState: 'waiting',
    publishedAt: null,
    finishedAt: null,
    cancelledAt: null,
    cancelledBy: null,
    failure: null,
    ...over,
  };
}

/** `n` pseudonymous friend refs, as the friends store would list a topic's subscribers. */
export const sampleRefs = (n: number, prefix = 'ref'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);

/** What a delivery test sends (the messages are not what it tests). */
export const SAMPLE_MESSAGES: messagingApi.Message[] = [{ type: 'text', text: 'ประชาคมหมู่บ้าน 9 โมงเช้า' }];

/** A friend ref's LINE user id, as the friends store would open it (U and 32 hex digits). */
export const userIdOfRef = (ref: string) => `U${Buffer.from(ref).toString('hex').padEnd(32, '0').slice(0, 32)}`;
