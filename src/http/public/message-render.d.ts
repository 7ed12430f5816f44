/** Types for message-render.js (plain ES module shared by the demo page and Node tests). */
export declare function linkify(text: unknown): string;
export declare function renderMessage(
  message: unknown,
  options?: { unknown?: string[] },
): { kind: 'text' | 'flex' | 'media'; html: string };
export declare function renderQuickReply(quickReply: unknown): string;
