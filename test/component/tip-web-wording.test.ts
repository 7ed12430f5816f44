import { describe, expect, it } from 'vitest';
import { shareBot, type TestBot } from '../helpers/bot.js';

const fileTip = async (b: TestBot, what: string) => {
  const data = new FormData();
  data.append('what', what);
  return fetch(`${b.url}/tip`, { method: 'POST', body: data });
};
const receiptOf = (page: string) =>
  /<p class="receipt" id="receipt">(\d{4} \d{4} \d{4} \d{4})<\/p>/.exec(page)?.[1]?.replace(/ /g, '') ?? null;

describe('the tip web pages speak web', () => {
  let bot!: TestBot;
  shareBot((b) => (bot = b));

  it('when the receipt page is shown, then it says once that the tip was received, tells how to keep the number, and loads its one script from this site', async () => {
    const res = await fileTip(bot, 'มีการเรียกรับเงินค่าตรวจแบบ');
    const page = await res.text();
    expect(page.split('ได้รับเรื่องแล้ว').length - 1).toBe(2); // the <title> and the heading
    expect(page).toContain('ถ่ายภาพหน้าจอ');
    expect(page).toContain('จดเลขไว้');
    expect(page).toContain('<script src="/tip/keep-receipt.js" defer></script>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await fetch(`${bot.url}/tip/keep-receipt.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('beforeunload');
  });

  it('when the form itself is shown, then it still has no script (it works without JavaScript)', async () => {
    expect(await (await fetch(`${bot.url}/tip`)).text()).not.toMatch(/<script/i);
  });

  it('when a malformed receipt is looked up, then the page asks to fill it in again, never to type ยกเลิก', async () => {
    const page = await (await fetch(`${bot.url}/tip/status?receipt=12345`)).text();
    expect(page).toContain('กรุณากรอกอีกครั้ง');
    expect(page).not.toContain('ยกเลิก');
  });

  it("when an empty addition is sent or the tip is closed, then the page names its own button, not the chat's", async () => {
    const receipt = receiptOf(await (await fileTip(bot, 'เรื่องที่จะเพิ่มข้อมูล')).text())!;
    const empty = new FormData();
    empty.append('receipt', receipt);
    empty.append('text', '');
    const page = await (await fetch(`${bot.url}/tip/add`, { method: 'POST', body: empty })).text();
    expect(page).toContain('“ส่งข้อมูลเพิ่ม”');
    expect(page).not.toContain('“ยืนยัน”');
  });
});
