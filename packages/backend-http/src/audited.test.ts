import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { auditedWrite } from './audited';
import { errorMapping } from './errors';

const permission = createPermission({
  name: 'demo.thing.create',
  attributes: { action: 'create' },
});

function setUp(options: { allowed: boolean; fails?: boolean }) {
  const success = jest.fn(async () => {});
  const fail = jest.fn(async () => {});
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({ success, fail })),
  });
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async () => [
      {
        result: options.allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      },
    ]) as any,
  });
  const services = { auditor, httpAuth: mockServices.httpAuth(), permissions };
  const router = Router();
  router.use(express.json());
  router.post('/things', async (req, res) => {
    const thing = await auditedWrite(
      services,
      {
        request: req,
        eventId: 'thing-create',
        meta: { name: String(req.body.name) },
        allow: ['user'],
        permission,
        refusal: actor => `${actor} may not create things`,
      },
      async credentials => {
        if (options.fails) throw new Error('the store is down');
        return { id: 7, by: credentials.principal.userEntityRef };
      },
      created => ({ id: created.id }),
    );
    res.status(201).json(thing);
  });
  router.use(errorMapping({ logger: mockServices.logger.mock() }));
  const app = express().use('/api/demo', router);
  return { app, auditor, permissions, success, fail };
}

describe('auditedWrite', () => {
  it('runs an allowed write and records it as a success, with what the audit keeps of the result', async () => {
    const { app, auditor, permissions, success, fail } = setUp({
      allowed: true,
    });
    const res = await request(app)
      .post('/api/demo/things')
      .set('Authorization', mockCredentials.user.header('user:default/Amy'))
      .send({ name: 'first' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 7, by: 'user:default/Amy' });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'thing-create',
        severityLevel: 'medium',
        meta: { name: 'first' },
      }),
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission }],
      expect.anything(),
    );
    expect(success).toHaveBeenCalledWith({ meta: { id: 7 } });
    expect(fail).not.toHaveBeenCalled();
  });

  it('refuses a caller the policy denies with 403 naming them, and audits the refusal', async () => {
    const { app, success, fail } = setUp({ allowed: false });
    const res = await request(app)
      .post('/api/demo/things')
      .set('Authorization', mockCredentials.user.header('user:default/Amy'))
      .send({ name: 'second' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'user:default/amy may not create things',
    );
    expect(success).not.toHaveBeenCalled();
    expect(fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
  });

  it('audits a caller of a type not allowed, and a write that fails, as failures', async () => {
    const unsigned = setUp({ allowed: true });
    const anonymous = await request(unsigned.app)
      .post('/api/demo/things')
      .set('Authorization', mockCredentials.service.header())
      .send({ name: 'third' });
    // Backstage refuses the principal type before any permission is asked.
    expect(anonymous.status).toBe(403);
    expect(unsigned.fail).toHaveBeenCalledTimes(1);
    expect(unsigned.permissions.authorize).not.toHaveBeenCalled();

    const failing = setUp({ allowed: true, fails: true });
    const broken = await request(failing.app)
      .post('/api/demo/things')
      .set('Authorization', mockCredentials.user.header())
      .send({ name: 'fourth' });
    expect(broken.status).toBe(500);
    expect(failing.success).not.toHaveBeenCalled();
    expect(failing.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ message: 'the store is down' }),
    });
  });
});
