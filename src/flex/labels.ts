/**
 * Button labels that name one action everywhere a resident meets it: one word for "show me
 * the whole item" (a measure, an announcement, a news item, a search hit's source), so a
 * card never asks the reader to learn a second name for the same thing.
 */
export const READ_FULL = 'อ่านฉบับเต็ม';
