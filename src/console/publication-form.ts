import { z } from 'zod';
import { LineApiError } from '../line/line-gateway.js';
import { PublishError } from '../publications/publish-error.js';
import { TimeoutError } from '../timers.js';
import type { Draft } from './pages/publication-pages.js';

const FIELD_NAMES: Record<string, string> = {
  title: 'ชื่อเรื่อง',
  body: 'เนื้อหา',
  topic: 'หัวข้อ',
  url: 'ลิงก์อ่านต่อ',
  imageUrl: 'ลิงก์รูปภาพ',
  publishAt: 'เวลาส่ง',
};

/** The form's fields as strings (what the page shows again after a refusal). */
export function draftOf(body: unknown): Draft {
  const b = (body ?? {}) as Record<string, unknown>;
  const keys = ['title', 'body', 'topic', 'url', 'imageUrl', 'publishAt', 'urgent'] as const;
  return Object.fromEntries(keys.flatMap((k) => (typeof b[k] === 'string' ? [[k, b[k]]] : [])));
}

/** The draft as publishing's input: empty optional fields left out, the checkbox as a boolean. */
export function inputOf(d: Draft): Record<string, unknown> {
  return {
    title: d.title ?? '',
    body: d.body ?? '',
    topic: d.topic ?? '',
    ...(d.url?.trim() ? { url: d.url.trim() } : {}),
    ...(d.imageUrl?.trim() ? { imageUrl: d.imageUrl.trim() } : {}),
    // datetime-local gives "2026-01-20T09:00" (no zone): publishing reads it in Asia/Bangkok
    ...(d.publishAt?.trim() ? { publishAt: d.publishAt.trim() } : {}),
    ...(d.urgent ? { urgent: true } : {}),
  };
}

function thai(message: string): string {
  if (/is empty|too small|at least 1/i.test(message)) return 'ยังไม่ได้กรอก';
  if (/at most|too big|too long/i.test(message)) return 'ยาวเกินกำหนด';
  if (/in the past/.test(message)) return 'เป็นเวลาที่ผ่านมาแล้ว';
  if (/year ahead/.test(message)) return 'ไกลเกินหนึ่งปี';
  if (/url|protocol|hostname/i.test(message)) return 'ไม่ใช่ลิงก์เว็บที่ถูกต้อง';
  if (/ISO 8601/.test(message)) return 'วันเวลาไม่ถูกต้อง';
  return message;
}

/** Why publishing refused, as a Thai line and one line per field; null for an unexpected error. */
export function refusalOf(err: unknown): { text: string; details: string[] } | null {
  const issues =
    err instanceof z.ZodError
      ? err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      : err instanceof PublishError && Array.isArray(err.details)
        ? (err.details as Array<{ path: string; message: string }>)
        : null;
  if (issues)
    return {
      text: 'กรุณาแก้ไขข้อมูลต่อไปนี้',
      details: issues.map((i) => `${FIELD_NAMES[i.path] ?? i.path}: ${thai(i.message)}`),
    };
  if (err instanceof PublishError)
    return { text: err.code === 'conflict' ? `ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน (${err.message})` : err.message, details: [] };
  if (err instanceof TimeoutError) return { text: 'LINE ไม่ตอบกลับภายในเวลาที่กำหนด กรุณาลองใหม่', details: [] };
  if (err instanceof LineApiError)
    return { text: `LINE ไม่รับข้อความ (สถานะ ${err.status ?? '-'})`, details: [err.body.slice(0, 300)] };
  return null;
}
