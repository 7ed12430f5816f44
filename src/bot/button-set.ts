import type { z } from 'zod';
import { encodePostback } from './postback.js';

/** A feature's buttons: each action (`a=…` in the data) with the zod schema of its other fields. */
export type ButtonSchemas = Record<string, z.ZodObject>;

/** The fields of one button as its schema reads them (a schema of no fields adds none). */
type Fields<S extends z.ZodObject> = [keyof S['shape']] extends [never] ? unknown : z.output<S>;

/** Every button of a set, as a union of their data: the action and the fields its handler gets. */
export type ButtonOf<M extends ButtonSchemas> = { [A in keyof M & string]: { a: A } & Fields<M[A]> }[keyof M & string];

declare const madeByButtonSet: unique symbol;

/**
 * Postback data made from a feature's button set. A plain string does not pass for it, so a
 * quick reply or a card that takes button data gets data some schema typed.
 */
export type ButtonData = string & { readonly [madeByButtonSet]: true };

/**
 * The encoder of a feature's buttons: its input is typed from the schemas, so a misspelt
 * action or field, or a missing one, is a compile error where the button is drawn. The data
 * keeps the wire format residents' old buttons carry (`a=…` first, then the fields in the
 * schema's order, undefined ones left out): what the handler later receives is what was
 * given here, once the schema has read it back.
 */
export function buttonEncoder<M extends ButtonSchemas>(schemas: M): (button: ButtonOf<M>) => ButtonData {
  return (button) => {
    const { a, ...fields } = button as { a: keyof M & string } & Record<string, string | number | undefined>;
    const schema = schemas[a];
    if (!schema) throw new Error(`no button "${a}" in this set`);
    const ordered = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, fields[key]]));
    return encodePostback({ a, ...ordered }) as ButtonData;
  };
}
