import type { messagingApi } from '@line/bot-sdk';
import { textMessage } from '../flex/messages.js';

/** Short Thai sentences the bot says outside the Flex cards; one place to review the wording. */
export const SAY = {
  apology: 'ขออภัย ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในอีกสักครู่',
  expiredButton: 'ปุ่มนี้หมดอายุแล้ว กรุณาเลือกจากเมนูด้านล่างอีกครั้ง',
  greeting: 'สวัสดี พิมพ์คำถามเรื่องมาตรการคุณธรรมและความโปร่งใส ผล ITA หรือประกาศของเทศบาลได้เลย หรือเลือกจากเมนูด้านล่าง',
  thanks: 'ยินดีให้บริการ มีคำถามอื่นพิมพ์มาได้ตลอดเวลา',
  sticker: 'ขอบคุณสำหรับสติกเกอร์ พิมพ์คำถามหรือเลือกจากเมนูด้านล่างได้เลย',
  image: 'ได้รับรูปภาพแล้ว แต่ตอนนี้บอทยังไม่ได้ใช้รูปภาพนอกขั้นตอนแจ้งเบาะแส หากต้องการแจ้งเบาะแส กด “แจ้งเบาะแส”',
  location:
    'ได้รับตำแหน่งแล้ว หากต้องการแจ้งปัญหาถนน ไฟฟ้า ขยะ โปรดแจ้งผ่าน Traffy Fondue หากต้องการแจ้งเบาะแสการทุจริต กด “แจ้งเบาะแส”',
  otherMedia: 'บอทอ่านได้เฉพาะข้อความ พิมพ์คำถามหรือเลือกจากเมนูด้านล่างได้เลย',
  noContent: 'ขออภัย ยังไม่มีข้อมูลเรื่องนี้ในระบบ',
  coming: {},
} as const;

export function say(text: string): messagingApi.Message[] {
  return [textMessage(text)];
}
