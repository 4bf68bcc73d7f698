import type { FastifyPluginAsync } from 'fastify';
import { formRoutes } from './forms.routes.ts';
import { rollupRoutes } from './rollup.routes.ts';
import { roundRoutes } from './rounds.routes.ts';

/**
 * Annual monitoring under /api: rounds, progress, forms, values, review, audit, roll-up. Every route requires a
 * login; what the user may see or do is decided on the server by src/core/access/policies.ts.
 */
export const monitoringRoutes: FastifyPluginAsync = async (app) => {
  await app.register(roundRoutes);
  await app.register(formRoutes);
  await app.register(rollupRoutes);
};
