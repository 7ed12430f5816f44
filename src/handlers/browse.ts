import type { messagingApi } from '@line/bot-sdk';
import { browseButton, type BrowseTarget } from '../flex/browse-buttons.js';
import { viewsOf } from '../flex/message-cache.js';
import type { ContentLibrary } from '../content/library.js';
import { announcementCard } from '../flex/announcement-card.js';
import {
  announcementMessages,
  helpMessages,
  itaMessages,
  measureMessages,
  measuresCarouselMessages,
  sectionMessages,
} from '../flex/messages.js';
import { SAY, say } from './replies.js';

/**
 * The menu's destinations: the ITA result, the measures, one measure in full, the
 * announcement and its sections, help. Returns null when the target no longer exists (an
 * old button), so the caller can say the button has expired. Built once per library and
 * destination, then served from the library's cache.
 */
export function browse(library: ContentLibrary, target: BrowseTarget): messagingApi.Message[] | null {
  if (target.a === 'measure' && !library.measure(target.id)) return null;
  if (target.a === 'section' && !library.section(target.id)) return null;
  if (
    (target.a === 'ita' || target.a === 'announcement') &&
    target.id !== undefined &&
    !(target.a === 'ita' ? library.ita(target.id) : library.announcement(target.id))
  )
    return null;
  return viewsOf(library).get(browseButton(target), () => build(library, target));
}

function build(library: ContentLibrary, target: BrowseTarget): messagingApi.Message[] {
  switch (target.a) {
    case 'menu':
    case 'help':
      return helpMessages();
    case 'ita': {
      const ita = library.ita(target.id);
      return ita ? itaMessages(ita) : say(SAY.noContent);
    }
    case 'measures': {
      const measures = library.measures();
      return measures.length > 0 ? measuresCarouselMessages(measures) : say(SAY.noContent);
    }
    case 'measure':
      return measureMessages(library.measure(target.id)!, target.page ?? 0);
    case 'announcement': {
      const announcement = library.announcement(target.id);
      return announcement ? announcementMessages(library.named(announcement), target.page ?? 0) : say(SAY.noContent);
    }
    case 'section': {
      const found = library.section(target.id)!;
      return sectionMessages(library.named(found.announcement), target.id);
    }
  }
}

/** The newest official announcement as a card for ข่าวล่าสุด (named as the ITA report names the town). */
export function officialAnnouncementCard(library: ContentLibrary): messagingApi.FlexBubble | null {
  const announcement = library.announcement();
  return announcement ? announcementCard(library.named(announcement)) : null;
}
