/** Thai names of the tip statuses (CONTRACT.md ids), in the order a tip moves through them. */
export const TIP_STATUS_NAMES: Record<string, string> = {
  received: 'รับเรื่อง',
  assessing: 'กำลังพิจารณา',
  investigating: 'กำลังตรวจสอบ',
  referred: 'ส่งต่อหน่วยงานอื่น',
  closed: 'ปิดเรื่อง',
};
export const tipStatusName = (id: string) => TIP_STATUS_NAMES[id] ?? id;
