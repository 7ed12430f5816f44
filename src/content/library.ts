import type { Announcement, AnnouncementSection, ContentDocument, ItaResult, Measure } from './model.js';
import type { SearchHit } from './search-hit.js';
import type { SearchItem } from './search-items.js';

/**
 * The imported documents, looked up the ways the bot needs: the current ITA result and
 * announcement (the newest), every measure, and the item behind a search hit.
 */
export class ContentLibrary {
  private readonly docs: ContentDocument[];

  constructor(docs: readonly ContentDocument[]) {
    // Newest first, so the current ITA result and announcement come first.
    this.docs = [...docs].sort(
      (a, b) =>
        (b.ita?.fiscalYear ?? 0) - (a.ita?.fiscalYear ?? 0) ||
        (b.announcement?.date ?? '').localeCompare(a.announcement?.date ?? ''),
    );
  }

  get documents(): readonly ContentDocument[] {
    return this.docs;
  }

  /** The newest ITA result, or the one with this id (an older fiscal year's). */
  ita(id?: string): ItaResult | undefined {
    return this.docs.find((d) => d.ita && (id === undefined || d.ita.id === id))?.ita;
  }

  /** The agency's name as the ITA report writes it (the announcement's spelling otherwise). */
  agencyName(): string {
    return this.ita()?.agency ?? this.announcement()?.agency ?? 'เทศบาล';
  }

  /** Measures of the newest report (the one the ITA result belongs to). */
  measures(): Measure[] {
    return this.docs.find((d) => d.measures.length > 0)?.measures ?? [];
  }

  measure(id: string): Measure | undefined {
    for (const doc of this.docs) {
      const found = doc.measures.find((m) => m.id === id);
      if (found) return found;
    }
    return undefined;
  }

  announcement(id?: string): Announcement | undefined {
    return this.docs.find((d) => d.announcement && (id === undefined || d.announcement.id === id))?.announcement;
  }

  section(id: string): { announcement: Announcement; section: AnnouncementSection } | undefined {
    for (const doc of this.docs) {
      const section = doc.announcement?.sections.find((s) => s.id === id);
      if (section) return { announcement: doc.announcement!, section };
    }
    return undefined;
  }

  /**
   * An announcement as cards show it: named by the municipality's name in the ITA report (the
   * heading may spell the town otherwise, "โพธาราย"); its own text stays as written.
   */
  named(announcement: Announcement): Announcement {
    const agency = this.agencyName();
    return announcement.agency === agency ? announcement : { ...announcement, agency };
  }

  /** The content behind a search item, shaped for the result messages; undefined if gone. */
  hitFor(item: SearchItem, publication?: (id: string) => SearchHit | undefined): SearchHit | undefined {
    const doc = this.docs.find((d) => d.id === item.ref.docId);
    switch (item.kind) {
      case 'ita':
        return doc?.ita && { kind: 'ita', ...doc.ita };
      case 'measure': {
        const measure = doc?.measures.find((m) => m.id === item.ref.measureId);
        return measure && { kind: 'measure', ...measure };
      }
      case 'announcement':
        return doc?.announcement && { kind: 'announcement', ...this.named(doc.announcement) };
      case 'section': {
        const section = doc?.announcement?.sections.find((s) => s.id === item.ref.sectionId);
        return (
          section && doc?.announcement && { kind: 'section', announcement: this.named(doc.announcement), ...section }
        );
      }
      case 'publication':
        return item.ref.publicationId ? publication?.(item.ref.publicationId) : undefined;
      case 'fact':
        return undefined;
    }
  }
}
