/** A refusal the console shows as a page: the status and a short Thai explanation. */
export class ConsoleError extends Error {
  override name = 'ConsoleError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429,
    message: string,
  ) {
    super(message);
  }
}

export const forbidden = () => new ConsoleError(403, 'บัญชีของคุณไม่มีสิทธิ์ใช้หน้านี้หรือทำรายการนี้');
export const notFoundPage = () => new ConsoleError(404, 'ไม่พบหน้าหรือรายการที่ต้องการ');
export const badForm = (why = 'ข้อมูลในแบบฟอร์มไม่ถูกต้อง') => new ConsoleError(400, why);
