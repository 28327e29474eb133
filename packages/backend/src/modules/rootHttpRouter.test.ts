import express from 'express';
import request from 'supertest';
import { withoutErrorStacks } from './rootHttpRouter';

function app(status: number, body: unknown) {
  const server = express();
  server.use(withoutErrorStacks);
  server.get('/x', (_req, res) => {
    res.status(status).json(body);
  });
  return server;
}

describe('withoutErrorStacks', () => {
  it('drops the stack of an error answer and keeps the rest', async () => {
    const res = await request(
      app(403, {
        error: {
          name: 'NotAllowedError',
          message: 'nope',
          stack: 'NotAllowedError\n    at x (/srv/app/node_modules/y.js:1:2)',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 403 },
      }),
    ).get('/x');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { name: 'NotAllowedError', message: 'nope' },
      request: { method: 'GET', url: '/x' },
      response: { statusCode: 403 },
    });
  });

  it('leaves successful answers alone, whatever they hold', async () => {
    const body = { error: { stack: 'a field of the data' } };
    const res = await request(app(200, body)).get('/x');
    expect(res.body).toEqual(body);
  });
});
