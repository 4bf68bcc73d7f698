import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { ResponsibilityError } from '../../../services/responsibility/responsibility.errors.ts';
import { HttpError } from '../../plugins/errors.ts';
import { countyPlanRoutes } from './county-plans.routes.ts';
import { implementationPlanRoutes } from './implementation-plans.routes.ts';
import { meetingRoutes } from './meetings.routes.ts';
import { pilotRoutes } from './pilots.routes.ts';
import { responsibilityListRoutes } from './responsibilities.routes.ts';
import { supervisionRoutes } from './supervision.routes.ts';
import { taskRoutes } from './tasks.routes.ts';

/** In this plugin's scope, a ResponsibilityError from the services becomes the HttpError of its status. */
function mapResponsibilityErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, _request, _reply) => {
    if (err instanceof ResponsibilityError) throw new HttpError(err.status, err.code, err.message, err.details);
    throw err;
  });
}

/**
 * Responsibility and supervision under /api (register with prefix '/api'): responsibility lists and their
 * exports, county plans, implementation plans, tasks and reminders, supervision, meetings, pilots. Every route
 * requires login (the auth plugin answers 401 to anonymous requests); access is decided by the services.
 */
export const responsibilityRoutes: FastifyPluginAsync = async (app) => {
  mapResponsibilityErrors(app);
  await app.register(responsibilityListRoutes);
  await app.register(countyPlanRoutes);
  await app.register(implementationPlanRoutes);
  await app.register(taskRoutes);
  await app.register(supervisionRoutes);
  await app.register(meetingRoutes);
  await app.register(pilotRoutes);
};
