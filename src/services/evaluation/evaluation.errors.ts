/**
 * Errors of the evaluation and warning services. `status` is the HTTP status the API answers with; `message`
 * is Chinese and goes to the user as is.
 */
export class EvaluationError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EvaluationError';
  }
}

export const forbidden = (message: string): EvaluationError => new EvaluationError(403, 'forbidden', message);

export const missing = (what: string): EvaluationError => new EvaluationError(404, 'not_found', `${what}不存在`);

export const invalidInput = (message: string): EvaluationError => new EvaluationError(400, 'bad_request', message);

/** The action does not fit the current state (closing a warning with open steps, generating before approval …). */
export const conflict = (message: string, details?: unknown): EvaluationError => new EvaluationError(409, 'invalid_state', message, details);
