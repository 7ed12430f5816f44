import { LABEL } from '../tip-texts.js';

/**
 * The words the tip flow takes as commands. Quick replies send their label as text, and a
 * resident may type the same word (or a common variant), so both paths meet here.
 */
export type Command = 'cancel' | 'skip' | 'done' | 'confirm' | 'anonymous' | 'notify' | 'addInfo' | 'start';

const WORDS: Record<Command, readonly string[]> = {
  cancel: [LABEL.cancel, 'ยกเลิกการแจ้ง', 'ไม่แจ้งแล้ว', 'cancel'],
  skip: [LABEL.skip, 'ไม่ทราบ', 'ไม่รู้', 'ไม่มี', 'skip', '-'],
  done: [LABEL.doneTelling, LABEL.doneImages, 'ครบแล้ว', 'เสร็จ', 'ต่อไป', 'ถัดไป', 'done', 'next'],
  confirm: [LABEL.confirm, 'ส่ง', 'ส่งเลย', 'ตกลง', 'confirm'],
  anonymous: [LABEL.anonymous, 'ไม่ระบุ', 'ไม่เปิดเผยตัวตน', 'anonymous'],
  notify: [LABEL.notify, 'แจ้งความคืบหน้า', 'รับแจ้ง'],
  addInfo: [LABEL.addInfo, 'เพิ่มเติม', 'แจ้งเพิ่ม'],
  // The menu's "แจ้งเบาะแส" tapped again mid-flow: repeat the question, do not take it as the story.
  start: [LABEL.startTip],
};

/** Spaces, quotes, zero-width characters and end punctuation do not change a command. */
const squash = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\s\p{Cf}"'“”‘’.!?]/gu, '')
    .toLowerCase();

const LOOKUP = new Map<string, Command>();
for (const [command, words] of Object.entries(WORDS) as [Command, readonly string[]][]) {
  for (const word of words) LOOKUP.set(squash(word), command);
}

/** The command a whole message is, or null when it is ordinary text. */
export function commandOf(text: string): Command | null {
  return LOOKUP.get(squash(text)) ?? null;
}
