/**
 * The bot's replies as LINE messages, built from the Flex templates in `flex-templates/`.
 * Every builder returns 1–5 messages with the quick replies on the last one (LINE shows only
 * that one); every message passes ../shared/line-openapi's contract (see test/flex).
 */
export { welcomeMessages, helpMessages, itaMessages, notFoundMessages } from './basic-messages.js';
export { measuresCarouselMessages, measureMessages } from './measure-messages.js';
export { announcementMessages, sectionMessages, announcementPageCount } from './announcement-messages.js';
export { searchResultMessages } from './search-messages.js';
export type { SearchHit, PublicationHit } from '../content/search-hit.js';
export { textMessage } from './text-message.js';
export { menuQuickReply, quickReplyOf, quickReplyWithMenu, finishReply, type QuickChoice } from './quick-reply.js';
