import { randomUUID } from 'node:crypto';
import { textMessage } from '../flex/messages.js';
import { LineApiError, type LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';

/** The whole notice: it says nothing about the tip, since others may see a phone's lock screen. */
export const PROGRESS_NOTICE = 'มีความคืบหน้าเรื่องที่คุณแจ้ง';
const HOW_TO_READ = 'พิมพ์ “สถานะ” ตามด้วยเลขรับเรื่อง เพื่อดูรายละเอียด';

const RETRY_DELAYS_MS = [500, 2000];

/**
 * Tells a confidential reporter who opted in that their tip moved, by push, with one
 * X-Line-Retry-Key for every attempt (so a retry after a timeout is never a second
 * message). 5xx and network failures are retried; 409 means LINE already has it.
 */
export async function sendProgressNotice(
  line: LineGateway,
  userId: string,
  logger: Logger,
  sleep = defaultSleep,
): Promise<'sent' | 'failed'> {
  const retryKey = randomUUID();
  const messages = [textMessage(`${PROGRESS_NOTICE}\n${HOW_TO_READ}`, [{ label: 'สถานะ', text: 'สถานะ' }])];
  for (let attempt = 0; ; attempt++) {
    try {
      await line.push(userId, messages, retryKey);
      return 'sent';
    } catch (err) {
      const status = err instanceof LineApiError ? err.status : null;
      if (status === 409) return 'sent';
      const retryable = err instanceof LineApiError && (status === null || status >= 500);
      if (!retryable || attempt >= RETRY_DELAYS_MS.length) {
        logger.warn('progress notice not sent', {
          status,
          lineRequestId: err instanceof LineApiError ? err.requestId : null,
        });
        return 'failed';
      }
      await sleep(RETRY_DELAYS_MS[attempt]!);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
