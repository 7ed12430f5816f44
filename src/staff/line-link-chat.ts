import type { BotContext } from '../bot/context.js';
import type { Feature } from '../bot/feature.js';
import { textMessage } from '../flex/messages.js';
import { toArabicDigits } from '../thai/digits.js';
import type { AuditLog } from './audit-log.js';
import { LINK_CODE, type LineLinkStore, type RedeemResult } from './line-link-store.js';

/** "เชื่อมบัญชี 123456", or the six digits alone (Thai digits too): checked before anything else is done. */
export const LINK_TEXT = /^\s*(?:เชื่อมบัญชี\s*)?([0-9๐-๙]{6})\s*$/;

const REPLIES: Record<RedeemResult['result'], (account?: string) => string> = {
  linked: (account) => `เชื่อมบัญชี LINE นี้กับบัญชีเจ้าหน้าที่ “${account}” แล้ว ข่าวที่กด “ส่งทดสอบ” ในระบบเจ้าหน้าที่จะส่งมาที่นี่`,
  unknown: () => `รหัสเชื่อมบัญชีไม่ถูกต้อง กรุณาตรวจรหัส ${LINK_CODE.digits} หลักที่หน้า “เชื่อมบัญชี LINE” ในระบบเจ้าหน้าที่ แล้วส่งใหม่อีกครั้ง`,
  expired: () =>
    `รหัสนี้หมดอายุแล้ว (ใช้ได้ ${LINK_CODE.minutes} นาที) กรุณากด “ขอรหัสใหม่” ในระบบเจ้าหน้าที่ แล้วส่งรหัสใหม่ภายใน ${LINK_CODE.minutes} นาที`,
  used: () => 'รหัสนี้ใช้ไปแล้ว รหัสแต่ละชุดใช้ได้ครั้งเดียว หากต้องการเชื่อมอีกครั้ง กรุณาขอรหัสใหม่ในระบบเจ้าหน้าที่',
  'too-many': () => `ส่งรหัสไม่ถูกต้องหลายครั้ง กรุณารอ ${LINK_CODE.minutes} นาทีแล้วลองใหม่`,
};

/**
 * The chat side of linking a staff member's LINE for test-sends. A message with the words
 * "เชื่อมบัญชี" is always answered; six digits alone only when they are a code the console
 * issued (a resident's number goes on to the usual answer), and count as a wrong try
 * otherwise, so bare guesses are limited too. Returns false when the message is not for it.
 */
export function lineLinkFeature(links: LineLinkStore, audit: Pick<AuditLog, 'append'>): Feature {
  return {
    name: 'staff-line-link',
    claimText: (ctx, text) => redeem(links, audit, ctx, text),
  };
}

async function redeem(
  links: LineLinkStore,
  audit: Pick<AuditLog, 'append'>,
  ctx: BotContext,
  text: string,
): Promise<boolean> {
  const match = LINK_TEXT.exec(text);
  if (!match || !ctx.userId) return false;
  const named = text.includes('เชื่อมบัญชี');
  const answer = await links.redeem(ctx.userId, toArabicDigits(match[1]!));
  if (!named && (answer.result === 'unknown' || answer.result === 'too-many')) return false;
  ctx.intent = 'staff:line-link';
  ctx.outcome = answer.result;
  if (answer.result === 'linked')
    await audit.append(ctx.now, answer.account, 'line-link.done', `account:${answer.account}`);
  ctx.reply(textMessage(REPLIES[answer.result](answer.result === 'linked' ? answer.account : undefined), null));
  return true;
}
