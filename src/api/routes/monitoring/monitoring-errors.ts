import { DataValueConflictError, DataValueRejectedError } from '../../../services/monitoring/data-value.contract.ts';
import { MonitoringError } from '../../../services/monitoring/monitoring.errors.ts';
import { HttpError } from '../../plugins/errors.ts';

const DENIALS = new Set(['access_denied', 'status_denied']);

/**
 * The monitoring services' errors as HTTP errors: 400 with the issue list for rejected values or a failed
 * submission, 403 when every problem is a denied access, 404, 409 for conflicts and wrong states.
 */
export function toHttpError(err: unknown): unknown {
  if (err instanceof MonitoringError) return new HttpError(err.status, err.code, err.message, err.details);
  if (err instanceof DataValueRejectedError) {
    const denied = err.issues.length > 0 && err.issues.every((i) => DENIALS.has(i.code));
    return denied
      ? new HttpError(403, 'forbidden', err.issues[0]?.message ?? err.message, { issues: err.issues })
      : new HttpError(400, 'validation_failed', err.message, { issues: err.issues });
  }
  if (err instanceof DataValueConflictError) return new HttpError(409, 'conflict', err.message, { conflicts: err.conflicts });
  return err;
}

/** Runs a handler's work and translates the services' errors. */
export async function handled<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toHttpError(err);
  }
}
