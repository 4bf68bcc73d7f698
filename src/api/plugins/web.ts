import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built web front end (dist/web) with a fallback to index.html for client-side routes.
 * Paths under /api never fall back: an unknown API path is a 404 in JSON.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<boolean> {
  const index = path.join(webRoot, 'index.html');
  if (!existsSync(index)) {
    app.log.warn(`未找到前端构建产物 ${index}：请先运行 npm run build:web`);
    return false;
  }
  await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api') {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: 'not_found', message: `接口不存在：${request.method} ${request.url}` });
  });
  return true;
}
