/**
 * Escape-by-default HTML templating. `html\`…\`` escapes every interpolated value unless it is already
 * SafeHtml (the result of another html`` call, or of raw() on text we produced ourselves, such as the
 * sanitized article body). Arrays are joined; null, undefined and false render nothing.
 *
 * Chosen over TSX because it needs no JSX runtime or build step, renders at string-concatenation speed
 * and keeps escaping impossible to forget: there is no way to interpolate a plain string unescaped.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup (produced by our own renderers) as safe. Never call with user input. */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** JSON for a <script type="application/ld+json"> block: `<` is escaped so the script cannot be closed early. */
export function jsonForScript(v: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}
