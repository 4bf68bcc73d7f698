import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { registerApiNotFound, registerErrorHandler } from './plugins/errors.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerWeb } from './plugins/web.ts';
import { registerAuth } from './auth/auth.plugin.ts';
import { planRoutes } from './routes/plans.routes.ts';
import { goalRoutes } from './routes/goals.routes.ts';
import { departmentRoutes } from './routes/departments.routes.ts';
import { indicatorRoutes } from './routes/indicators.routes.ts';
import { regionRoutes } from './routes/regions.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { evaluationRoutes } from './routes/evaluation/evaluation.routes.ts';
import { warningRoutes } from './routes/evaluation/warnings.routes.ts';
import { metaRoutes } from './routes/evaluation/meta.routes.ts';
import { monitoringRoutes } from './routes/monitoring/monitoring.routes.ts';
import { exchangeRoutes } from './routes/exchange/exchange.routes.ts';
import { reportRoutes } from './routes/reports/reports.routes.ts';
import { responsibilityRoutes } from './routes/responsibility/index.ts';
import { unitReportRoutes } from './routes/unit-reports/unit-reports.routes.ts';

export interface AppOptions {
  db: Kysely<Database>;
  /** Folder of the built web front end; omitted in API-only tests. */
  webRoot?: string;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
  }
}

// Request validation messages reach users: zod's own messages in Chinese.
z.config(z.locales.zhCN());

/** Builds the HTTP application: plugins first, then the API routes, then the web front end's fallback. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  registerErrorHandler(app);
  await registerOpenApi(app);
  await registerAuth(app);

  app.get('/api/health', { schema: { tags: ['系统'], summary: '健康检查' } }, async () => ({ ok: true }));
  await app.register(planRoutes, { prefix: '/api' });
  await app.register(goalRoutes, { prefix: '/api' });
  await app.register(departmentRoutes, { prefix: '/api' });
  await app.register(indicatorRoutes, { prefix: '/api' });
  await app.register(regionRoutes, { prefix: '/api' });
  await app.register(searchRoutes, { prefix: '/api' });
  await app.register(evaluationRoutes, { prefix: '/api' });
  await app.register(warningRoutes, { prefix: '/api' });
  await app.register(metaRoutes, { prefix: '/api' });
  await app.register(monitoringRoutes, { prefix: '/api' });
  await app.register(exchangeRoutes, { prefix: '/api' });
  await app.register(reportRoutes, { prefix: '/api' });
  await app.register(responsibilityRoutes, { prefix: '/api' });
  await app.register(unitReportRoutes, { prefix: '/api' });

  const webServed = options.webRoot ? await registerWeb(app, options.webRoot) : false;
  if (!webServed) registerApiNotFound(app);
  return app;
}
