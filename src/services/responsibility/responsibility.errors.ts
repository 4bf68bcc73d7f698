/**
 * Errors of the responsibility services. `status` is the HTTP status the API answers with; `message` is
 * Chinese and goes to the user as is.
 */
export class ResponsibilityError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ResponsibilityError';
  }
}

export const forbidden = (message: string): ResponsibilityError => new ResponsibilityError(403, 'forbidden', message);
export const notFound = (what: string): ResponsibilityError => new ResponsibilityError(404, 'not_found', `${what}不存在`);
export const badRequest = (message: string, details?: unknown): ResponsibilityError => new ResponsibilityError(400, 'bad_request', message, details);
/** The action does not fit the record's state (filing a filed plan, editing a reviewed one …). */
export const invalidState = (message: string): ResponsibilityError => new ResponsibilityError(409, 'invalid_state', message);
