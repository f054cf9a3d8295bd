import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { asset, type PageContext } from '../layout.js';

/** A form's problem, shown above it and next to each field it names. */
export interface FormError {
  message: string;
  issues: FieldIssue[];
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function errorSummary(ctx: PageContext, err: FormError | null | undefined): SafeHtml | '' {
  if (!err) return '';
  return html`<div class="form-errors" role="alert" tabindex="-1"><p><strong>${ctx.t('form.problem')}</strong> ${err.message}</p>${err.issues.length ? html`<ul>${err.issues.map((i) => html`<li>${i.message}</li>`)}</ul>` : ''}</div>`;
}

export function notice(text: string | null | undefined): SafeHtml | '' {
  return text ? html`<p class="notice" role="status">${text}</p>` : '';
}

export interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'hidden';
  value?: string | number;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  err?: FormError | null;
  attrs?: string;
}

export function field(p: FieldProps): SafeHtml {
  const issue = p.err?.issues.find((i) => i.field === p.name);
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', issue ? `${id}-err` : ''].filter(Boolean).join(' ');
  return html`<div class="field${issue ? ' invalid' : ''}"><label for="${id}">${p.label}</label>
${p.hint ? html`<small id="${id}-hint">${p.hint}</small>` : ''}
<input id="${id}" name="${p.name}" type="${p.type ?? 'text'}"${p.value !== undefined ? html` value="${String(p.value)}"` : ''}${p.autocomplete ? html` autocomplete="${p.autocomplete}"` : ''}${p.required ? raw(' required') : ''}${described ? html` aria-describedby="${described}"` : ''}${issue ? raw(' aria-invalid="true"') : ''}${p.attrs ? raw(` ${p.attrs}`) : ''}>
${issue ? html`<small class="error" id="${id}-err">${issue.message}</small>` : ''}</div>`;
}

/** The members stylesheet, for the head of every account, premium and plans page. */
export function membersHead(ctx: PageContext, extra?: SafeHtml): SafeHtml {
  return html`<link rel="stylesheet" href="${asset(ctx, 'members.css')}">${extra ?? ''}`;
}
