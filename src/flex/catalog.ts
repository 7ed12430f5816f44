import type { messagingApi } from '@line/bot-sdk';
import type { ButtonData } from '../bot/button-set.js';
import { flexTemplates, type FlexComponent } from './template.js';

/**
 * The typed face of `flex-templates/`: one entry per template file with the values its
 * placeholders need, so a renamed placeholder is a type error here and a FlexTemplateError
 * (naming template and placeholder) at the first fill, never a silently blank field.
 */
type Text = string | number;
type Slot = readonly FlexComponent[];
/** A button's data is made by its feature's button set (src/bot/button-set.ts), never written here. */
type Postback = { data: ButtonData; displayText: string };

export interface BubbleTemplates {
  welcome: {
    agencyName: Text;
    itaData: ButtonData;
    measuresData: ButtonData;
    announcementData: ButtonData;
    helpData: ButtonData;
  };
  'ita-result': {
    agency: Text;
    location: Text;
    fiscalYear: Text;
    score: Text;
    measuresData: ButtonData;
    announcementData: ButtonData;
  };
  'measure-card': { order: Text; title: Text; method: Text; owner: Text; period: Text } & Postback;
  'measure-full': { order: Text; title: Text; pageLabel: Text; content: Slot; nav: Slot };
  announcement: {
    agency: Text;
    subject: Text;
    date: Text;
    preamble: Text;
    signer: Text;
    position: Text;
    sections: Slot;
    nav: Slot;
  };
  section: { agency: Text; title: Text; pageLabel: Text; content: Slot; nav: Slot };
  'not-found': { queryLine: Text; itaData: ButtonData; measuresData: ButtonData; announcementData: ButtonData };
  help: { itaData: ButtonData; measuresData: ButtonData; announcementData: ButtonData };
  'search-result': { kindLabel: Text; title: Text; excerpt: Text; actions: Slot };
  'fact-answer': { headline: Text; agency: Text; content: Slot; source: Text; place: Text; actions: Slot };
  publication: { topicName: Text; date: Text; title: Text; body: Text; agency: Text; actions: Slot };
  'topic-settings': { summary: Text; topics: Slot; actions: Slot };
  privacy: { subtitle: Text; content: Slot; actions: Slot };
  'erase-confirm': { erased: Text; kept: Text; actions: Slot };
  'tip-receipt': {
    thanks: Text;
    receipt: Text;
    keep: Text;
    howToFollow: Text;
    externalIntro: Text;
    channels: Slot;
    calls: Slot;
  };
  'tip-status': { statusName: Text; received: Text; updated: Text; notes: Slot };
  'tip-intro': { title: Text; lines: Slot; outside: Text; actions: Slot };
  'tip-details': { title: Text; content: Slot; actions: Slot };
}

export interface FragmentTemplates {
  heading: { text: Text };
  paragraph: { text: Text };
  'list-item': { marker: Text; text: Text };
  'sub-item': { marker: Text; text: Text };
  'button-primary': { label: Text } & Postback;
  'button-secondary': { label: Text } & Postback;
  'button-message': { label: Text; text: Text };
  'button-uri': { label: Text; uri: string };
  'topic-row': { name: Text; state: Text; description: Text };
  /** A topic the user does not receive: its state in grey, never the green of "on". */
  'topic-row-off': { name: Text; state: Text; description: Text };
}

export type BubbleTemplateName = keyof BubbleTemplates;
export type FragmentName = keyof FragmentTemplates;

/** Fills `flex-templates/<name>.json` (a bubble) with typed values. */
export function fillBubble<K extends BubbleTemplateName>(name: K, values: BubbleTemplates[K]): messagingApi.FlexBubble {
  const container = flexTemplates.fill(name, values);
  if (container.type !== 'bubble') throw new Error(`Flex template "${name}" must be a bubble`);
  return container;
}

/** The components of `flex-templates/fragments/<name>.json`, filled with typed values. */
export function fragment<K extends FragmentName>(name: K, values: FragmentTemplates[K]): FlexComponent[] {
  return flexTemplates.fragment(name, values);
}

export const BUBBLE_TEMPLATES: readonly BubbleTemplateName[] = [
  'welcome',
  'ita-result',
  'measure-card',
  'measure-full',
  'announcement',
  'section',
  'not-found',
  'help',
  'search-result',
  'fact-answer',
  'publication',
  'topic-settings',
  'privacy',
  'erase-confirm',
  'tip-receipt',
  'tip-status',
  'tip-intro',
  'tip-details',
];
export const FRAGMENTS: readonly FragmentName[] = [
  'heading',
  'paragraph',
  'list-item',
  'sub-item',
  'button-primary',
  'button-secondary',
  'button-message',
  'button-uri',
  'topic-row',
  'topic-row-off',
];
