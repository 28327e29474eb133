import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { RequestHandler } from 'express';

/**
 * Drops `error.stack` from every JSON error answer. Backstage's error
 * handlers (the root one and each plugin's) include the stack in development
 * mode, and a stack names the machine's paths and the code's layout. The
 * Vitals routers map their own errors (`@vitals/backend-http`); this covers
 * the catalog, the scaffolder and every other plugin. Stacks stay in the log.
 */
export const withoutErrorStacks: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body?: any) => {
    if (
      res.statusCode >= 400 &&
      body?.error &&
      typeof body.error === 'object' &&
      'stack' in body.error
    ) {
      const { stack: _stack, ...error } = body.error;
      return json({ ...body, error });
    }
    return json(body);
  };
  next();
};

/** Backstage's root HTTP router with its defaults, answering errors without stacks. */
export const rootHttpRouterWithoutStacks = rootHttpRouterServiceFactory({
  configure({ app, applyDefaults }) {
    app.use(withoutErrorStacks);
    applyDefaults();
  },
});
