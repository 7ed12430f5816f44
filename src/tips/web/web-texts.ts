/**
 * What the tip web pages say where the chat's wording would be wrong on the web: a page has
 * fields to fill and buttons to press, not words to type, and no “ยกเลิก” to send.
 */
export const WEB_SAY = {
  thanks: 'ขอบคุณที่ช่วยให้เทศบาลโปร่งใส',
  receiptFormat: 'เลขรับเรื่องมี 16 หลัก กรุณากรอกอีกครั้ง (เว้นวรรคหรือขีดได้ ตัวเลขไทยก็ได้)',
  additionEmpty: 'ยังไม่มีข้อมูลเพิ่ม กรอกข้อความหรือเลือกรูปก่อน แล้วกด “ส่งข้อมูลเพิ่ม”',
  addClosed: 'เรื่องนี้ปิดแล้ว จึงเพิ่มข้อมูลไม่ได้ หากมีเรื่องใหม่ แจ้งได้ที่หน้าแจ้งเบาะแส',
  /** The receipt is shown once: how to keep it, said in plain text (the page also warns before it is left). */
  keepReceipt:
    'เลขนี้แสดงเพียงครั้งเดียว หากโหลดหน้านี้ใหม่หรือปิดไปจะไม่เห็นอีก จดเลขไว้ในที่ปลอดภัย หรือถ่ายภาพหน้าจอนี้เก็บไว้ เป็นทางเดียวที่ใช้ติดตามเรื่อง (เทศบาลไม่ได้เก็บเลขนี้ไว้ จึงขอใหม่ไม่ได้)',
} as const;

/**
 * The receipt page's one script (served as /tip/keep-receipt.js, allowed by the CSP's
 * script-src 'self'): the browser asks before the page is left or reloaded, because the
 * number cannot be shown again. Without JavaScript the page works the same and says so in
 * text. A tap on a phone number is not leaving the page.
 */
export const KEEP_RECEIPT_JS = `'use strict';
(function () {
  var calling = false;
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('a[href^="tel:"]') : null;
    if (link) { calling = true; setTimeout(function () { calling = false; }, 1000); }
  });
  window.addEventListener('beforeunload', function (e) {
    if (calling) return;
    e.preventDefault();
    e.returnValue = '';
  });
})();
`;
