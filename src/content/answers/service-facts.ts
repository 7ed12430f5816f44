import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SHIPPED_DATA_DIR } from '../../paths.js';
import { FIELDS, QUESTION_KINDS } from './question-kinds.js';

/**
 * The service's own facts (where to report what, how to subscribe), as data: every word a
 * resident reads comes from `data/service-facts.json` or from an imported document, never
 * from code. Validated when loaded, so a broken edit stops the start with a clear line.
 */
export const ServiceFactSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What the fact is about, shown above the quote ("สายด่วน ป.ป.ช."). */
  label: z.string().min(1),
  /** The answer's first line. */
  answer: z.string().min(1),
  /** A sentence or two more. */
  detail: z.string().min(1),
  /** Words residents use for it (matched with typos forgiven). */
  keywords: z.array(z.string().min(1)).min(1),
  /** Words naming what it is about; a question naming one of them is about this fact. */
  topic: z.array(z.string().min(1)),
  kinds: z.array(z.enum(QUESTION_KINDS)).min(1),
  action: z.enum(['tip', 'subscribe']).optional(),
  /**
   * 'reporting': only for a question about where or how to report (not "the mayor's phone").
   * 'problem': an everyday problem another channel fixes (a road, a power cut): also for a
   * question that names it and asks where, whom, how or a number, without a reporting word.
   */
  asks: z.enum(['reporting', 'problem']).optional(),
});
export type ServiceFact = z.infer<typeof ServiceFactSchema>;

/** What each kind of fact is called when the bot states it ("ผู้ลงนามในประกาศ"). */
export const LABEL_KEYS = [
  ...FIELDS,
  'clause',
  'measureCount',
  'sectionCount',
  'publication',
  'latestAnnouncement',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];
export type FactLabels = Record<LabelKey, string>;

/** The sentences around the facts; `{name}` marks where a value goes. */
export const WORDING_KEYS = [
  'openItem',
  'startTip',
  'subscribe',
  'year',
  'measureCount',
  'measureList',
  'sectionList',
  'across',
  'notHeld',
  'notHeldDetail',
  'noYear',
  'noYearDetail',
  'serviceSource',
  'fromDocuments',
  'verdictYes',
  'verdictNo',
  'publicationsIn',
  'publicationsNone',
  'yearPeriod',
  'monthPeriod',
] as const;
export type WordingKey = (typeof WORDING_KEYS)[number];
export type Wording = Record<WordingKey, string>;

/** How a document's facts are named and placed ("มาตรการที่ {order}"); `{name}` is filled from the document. */
export const TEMPLATE_KEYS = [
  'itaHeading',
  'itaSource',
  'score',
  'district',
  'province',
  'measureSource',
  'measure',
  'measurePlace',
  'announcement',
  'announcementDate',
  'announcementSubject',
  'issuedBy',
  'signature',
  'signer',
  'clause',
  'clausePlace',
  'preamble',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export type Templates = Record<TemplateKey, string>;
const texts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.string().min(1)])) as Record<K, z.ZodString>);

export const ServiceFactsFileSchema = z.object({
  $comment: z.string().optional(),
  facts: z.array(ServiceFactSchema).min(1),
  labels: texts(LABEL_KEYS),
  wording: texts(WORDING_KEYS),
  templates: texts(TEMPLATE_KEYS),
});

export interface ServiceFacts {
  facts: ServiceFact[];
  labels: FactLabels;
  wording: Wording;
  templates: Templates;
}

/** Fills `{name}` marks of a wording with values. */
export function fillWording(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

export const SERVICE_FACTS_FILE = path.join(SHIPPED_DATA_DIR, 'service-facts.json');

/** Reads and validates the facts file; the error names the file and the first problem. */
export function loadServiceFacts(file = SERVICE_FACTS_FILE): ServiceFacts {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`service facts ${file}: ${(error as Error).message}`);
  }
  const parsed = ServiceFactsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`service facts ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  const ids = new Set<string>();
  for (const fact of parsed.data.facts) {
    if (ids.has(fact.id)) throw new Error(`service facts ${file}: id "${fact.id}" appears twice`);
    ids.add(fact.id);
  }
  return {
    facts: parsed.data.facts,
    labels: parsed.data.labels,
    wording: parsed.data.wording,
    templates: parsed.data.templates,
  };
}
