import { browseButton } from './browse-buttons.js';
import type { FactBook } from '../content/answers/fact-book.js';
import { fiscalYearOf, type FactUnit } from '../content/answers/fact-units.js';
import { fillWording } from '../content/answers/service-facts.js';
import { quoted, type AnswerView } from './answer-bubble.js';
import type { AnswerSources } from './answer-views.js';
import { fragment } from './catalog.js';
import { truncate } from './template.js';

/** Answers that list: the measures, the announcement's sections, one field of every measure; and the missing year. */

export function acrossView(units: readonly FactUnit[], book: FactBook): AnswerView {
  const [first] = units;
  const label = book.service.labels[first!.field === 'clause' ? 'clause' : first!.field];
  return {
    headline: `${fillWording(book.service.wording.across, { label })}: ${units.map((u) => `${u.place.split(':')[0]} ${truncate(u.value, 80)}`).join(' · ')}`,
    content: units.flatMap((u) => [...fragment('heading', { text: u.place }), ...quoted(u.quote)]),
    source: first!.source,
    place: fillWording(book.service.wording.year, { year: first!.year }),
    actions: units.slice(0, 3).flatMap((u) =>
      fragment('button-secondary', {
        label: truncate(u.place, 40),
        data: browseButton(u.open),
        displayText: truncate(u.place, 100),
      }),
    ),
  };
}

export function sectionListView(year: number, src: AnswerSources): AnswerView {
  const { labels, wording, templates } = src.book.service;
  const doc =
    src.library.documents.find((d) => d.announcement && fiscalYearOf(d) === year) ??
    src.library.documents.find((d) => d.announcement);
  const a = doc?.announcement;
  if (!a) return noYearView([], src.book);
  return {
    headline: fillWording(wording.sectionList, {
      subject: fillWording(templates.announcement, { subject: a.subject }),
      count: a.sections.length,
    }),
    content: a.sections.flatMap((s, i) => fragment('list-item', { marker: `${i + 1}.`, text: s.title })),
    source: fillWording(templates.announcement, { subject: a.subject }),
    place: `${labels.date} ${a.dateText}`,
    actions: a.sections.slice(0, 3).flatMap((s) =>
      fragment('button-secondary', {
        label: truncate(s.title, 40),
        data: browseButton({ a: 'section', id: s.id }),
        displayText: truncate(s.title, 100),
      }),
    ),
  };
}

export function measureListView(year: number, count: boolean, src: AnswerSources): AnswerView {
  const { labels, wording } = src.book.service;
  const doc =
    src.library.documents.find((d) => d.measures.length > 0 && fiscalYearOf(d) === year) ??
    src.library.documents.find((d) => d.measures.length > 0);
  const measures = doc?.measures ?? [];
  const values = { label: labels.measureCount, year: fillWording(wording.year, { year }), count: measures.length };
  return {
    headline: fillWording(count ? wording.measureCount : wording.measureList, values),
    content: measures.flatMap((m) => fragment('list-item', { marker: `${m.order}.`, text: m.title })),
    source: doc?.ita?.title ?? labels.measureCount,
    place: values.year,
    actions: [
      ...measures.slice(0, 3).flatMap((m) =>
        fragment('button-secondary', {
          label: truncate(`${m.order}. ${m.title}`, 40),
          data: browseButton({ a: 'measure', id: m.id }),
          displayText: truncate(m.title, 100),
        }),
      ),
    ],
  };
}

export function noYearView(years: readonly number[], book: FactBook): AnswerView {
  const { wording } = book.service;
  const list = years.map((year) => fillWording(wording.year, { year })).join(', ');
  return {
    headline: wording.noYear,
    content: fragment('paragraph', { text: fillWording(wording.noYearDetail, { years: list }) }),
    source: wording.serviceSource,
    place: list || wording.serviceSource,
    actions: [],
  };
}
