import type { FastifyInstance } from 'fastify';
import { AccountError } from '../../services/accounts/account-error.ts';
import { THROTTLE_WINDOW_MS } from '../../services/accounts/login-throttle.ts';
import { HttpError } from '../plugins/errors.ts';

/**
 * In the scope of a route plugin: an AccountError from the services becomes the HttpError of its status;
 * everything else goes on, unchanged, to the application's error handler.
 */
export function mapAccountErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, _request, reply) => {
    if (err instanceof AccountError) {
      if (err.code === 'too_many_attempts') void reply.header('retry-after', String(THROTTLE_WINDOW_MS / 1000));
      throw new HttpError(err.status, err.code, err.message);
    }
    throw err;
  });
}
