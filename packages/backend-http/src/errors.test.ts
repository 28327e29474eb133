import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { z } from 'zod';
import { errorMapping } from './errors';

function app(thrower: () => unknown, logger = mockServices.logger.mock()) {
  const router = Router();
  router.use(express.json({ limit: '1kb' }));
  router.all('/thing', async () => {
    throw thrower();
  });
  router.use(errorMapping({ logger, defaultRetryAfterSeconds: 42 }));
  const root = express();
  root.use('/api/demo', router);
  return { app: root, logger };
}

describe('errorMapping', () => {
  it.each([
    [new InputError('from must be before to'), 400],
    [new NotAllowedError('not yours'), 403],
    [new NotFoundError('no such entity'), 404],
    [new ConflictError('already withdrawn'), 409],
  ])('answers %s with %i and its message', async (error, status) => {
    const { app: server, logger } = app(() => error);
    const res = await request(server).get('/api/demo/thing?x=1');
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      error: { name: error.name, message: error.message },
      request: { method: 'GET', url: '/api/demo/thing?x=1' },
      response: { statusCode: status },
    });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('adds Retry-After to a 503 unless the route set one', async () => {
    const res = await request(
      app(() => new ServiceUnavailableError('warming up')).app,
    ).get('/api/demo/thing');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('42');
  });

  it('answers a database error as a plain 500 and logs it', async () => {
    const sqlError = Object.assign(
      new Error(
        'insert into "exemptions" ("expires_at") values ($1) - invalid input syntax for type timestamp: "2027-W10-1"',
      ),
      { code: '22007' },
    );
    const { app: server, logger } = app(() => sqlError);
    const res = await request(server).post('/api/demo/thing').send({});
    expect(res.status).toBe(500);
    expect(res.text).not.toMatch(/insert|exemptions|timestamp|at /i);
    expect(res.body.error).toEqual({
      name: 'Error',
      message:
        'The server could not complete the request; the error is in its log.',
    });
    expect(logger.error).toHaveBeenCalledWith(
      'POST /api/demo/thing failed',
      sqlError,
    );
  });

  it('repeats only the route words of an error that carries a cause', async () => {
    const res = await request(
      app(
        () =>
          new InputError(
            'asOf is unreadable',
            new Error('SqliteError: select * from verdicts where as_of = ?'),
          ),
      ).app,
    ).get('/api/demo/thing');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('asOf is unreadable');
  });

  it('names the first bad field of a zod error', async () => {
    const res = await request(
      app(() => z.object({ region: z.string() }).parse({ region: 5 })).app,
    ).get('/api/demo/thing');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^region: /);
  });

  it('answers malformed and oversized JSON bodies with 400 and 413', async () => {
    const { app: server } = app(() => new Error('unreachable'));
    const malformed = await request(server)
      .post('/api/demo/thing')
      .set('content-type', 'application/json')
      .send('{"reason": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe(
      'body: the request body is not valid JSON',
    );
    const large = await request(server)
      .post('/api/demo/thing')
      .send({ reason: 'x'.repeat(5000) });
    expect(large.status).toBe(413);
    expect(large.body.error.message).toBe(
      'body: the request body is too large',
    );
  });

  it('cuts very long messages and URLs', async () => {
    const res = await request(
      app(() => new InputError(`reason ${'y'.repeat(5000)}`)).app,
    ).get(`/api/demo/thing?q=${'z'.repeat(2000)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message.length).toBeLessThanOrEqual(1000);
    expect(res.body.request.url.length).toBeLessThanOrEqual(300);
  });
});
