/**
 * Errors of the monitoring services other than the data-value contract's. `status` is the HTTP status the API
 * answers with; `message` is Chinese and goes to the user as is; `details` carries structured data (the issue
 * list of a failed submission, the county forms a city form waits for …).
 */
export class MonitoringError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'MonitoringError';
  }
}

export const accessDenied = (message: string): MonitoringError => new MonitoringError(403, 'forbidden', message);

export const notFound = (what: string): MonitoringError => new MonitoringError(404, 'not_found', `${what}不存在`);

export const badRequest = (message: string, details?: unknown): MonitoringError => new MonitoringError(400, 'bad_request', message, details);

/** The action does not fit the current state (approving a draft, opening a second round for a year …). */
export const invalidState = (message: string, details?: unknown): MonitoringError => new MonitoringError(409, 'invalid_state', message, details);
