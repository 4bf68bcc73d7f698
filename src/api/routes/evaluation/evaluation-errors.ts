import type { FastifyInstance } from 'fastify';
import { EvaluationError } from '../../../services/evaluation/evaluation.errors.ts';
import { HttpError } from '../../plugins/errors.ts';

/**
 * In the scope of a route plugin: an EvaluationError from the services becomes the HttpError of its status;
 * everything else goes on, unchanged, to the application's error handler.
 */
export function mapEvaluationErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, _request, _reply) => {
    if (err instanceof EvaluationError) throw new HttpError(err.status, err.code, err.message, err.details);
    throw err;
  });
}
