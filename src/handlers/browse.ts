import type { messagingApi } from '@line/bot-sdk';
import type { Postback } from '../bot/postback.js';
import type { ContentLibrary } from '../content/library.js';
import { announcementMessages, helpMessages, itaMessages, measureMessages, measuresCarouselMessages, sectionMessages } from '../flex/messages.js';
import { SAY, say } from './replies.js';

/**
 * The menu's destinations: the ITA result, the measures, one measure in full, the
 * announcement and its sections, help. Returns null when the target no longer exists (an
 * old button), so the caller can say the button has expired.
 */
export function browse(library: ContentLibrary, target: Postback): messagingApi.Message[] | null {
  switch (target.a) {
    case 'menu':
    case 'help':
      return helpMessages();
    case 'ita': {
      const ita = library.ita();
      return ita ? itaMessages(ita) : say(SAY.noContent);
    }
    case 'measures': {
      const measures = library.measures();
      return measures.length > 0 ? measuresCarouselMessages(measures) : say(SAY.noContent);
    }
    case 'measure': {
      const measure = library.measure(target.id);
      return measure ? measureMessages(measure, target.page ?? 0) : null;
    }
    case 'announcement': {
      const announcement = library.announcement();
      return announcement ? announcementMessages(announcement, target.page ?? 0) : say(SAY.noContent);
    }
    case 'section': {
      const found = library.section(target.id);
      return found ? sectionMessages(found.announcement, target.id) : null;
    }
  }
}
