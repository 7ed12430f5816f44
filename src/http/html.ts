/**
 * HTML built from templates that escape every value by default, so text from residents
 * (tips, questions) and staff (titles) can only ever be text on the page. Only `Html` values,
 * made by this tag, go in unescaped.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** `html\`<p>${text}</p>\``: values are escaped unless they are Html; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Text with its line breaks kept (as <br>), everything else escaped. */
export function multiline(text: string): Html {
  return new Html(text.split(/\r?\n/).map(escapeHtml).join('<br>'));
}

/** Thai-style grouping for counts: 12,345. */
export const num = (n: number): string => n.toLocaleString('en-US');
