/**
 * One catalogue of application errors: a stable code, the HTTP status it maps to, and whether its
 * message may be shown to the public. The web layer maps these in exactly one place (web/plugins/errors.ts);
 * anything that is not an AppError becomes a generic 500 with a request id.
 */
export const ErrorCatalogue = {
  VALIDATION: { status: 400, expose: true },
  BAD_REQUEST: { status: 400, expose: true },
  UNAUTHENTICATED: { status: 401, expose: true },
  FORBIDDEN: { status: 403, expose: true },
  CSRF: { status: 403, expose: true },
  NOT_FOUND: { status: 404, expose: true },
  CONFLICT: { status: 409, expose: true },
  GONE: { status: 410, expose: true },
  PAYLOAD_TOO_LARGE: { status: 413, expose: true },
  UNSUPPORTED_MEDIA: { status: 415, expose: true },
  RATE_LIMITED: { status: 429, expose: true },
  PAYMENT: { status: 402, expose: true },
  UPSTREAM: { status: 502, expose: false },
  INTERNAL: { status: 500, expose: false },
} as const;

export type ErrorCode = keyof typeof ErrorCatalogue;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ErrorCatalogue[code].status;
    this.expose = ErrorCatalogue[code].expose;
    this.issues = opts.issues ?? [];
    this.details = opts.details;
  }
}

export const validationError = (issues: FieldIssue[], message = 'Some fields are not valid') =>
  new AppError('VALIDATION', message, { issues });
export const notFound = (what = 'Not found') => new AppError('NOT_FOUND', what);
export const forbidden = (what = 'You are not allowed to do that') => new AppError('FORBIDDEN', what);
export const conflict = (what: string, details?: Record<string, unknown>) => new AppError('CONFLICT', what, details ? { details } : {});

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
