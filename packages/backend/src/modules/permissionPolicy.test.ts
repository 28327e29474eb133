import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { BackstageUserInfo } from '@backstage/backend-plugin-api';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import {
  readPermissionGrants,
  vitalsPermissionPolicyModule,
  VitalsPermissionPolicy,
} from './permissionPolicy';

const drillCreate = {
  type: 'basic' as const,
  name: 'dr-readiness.drill.create',
  attributes: { action: 'create' as const },
};
const exemptionManage = {
  type: 'basic' as const,
  name: 'compliance.exemption.manage',
  attributes: { action: 'update' as const },
};
const catalogRead = {
  type: 'resource' as const,
  name: 'catalog.entity.read',
  attributes: { action: 'read' as const },
  resourceType: 'catalog-entity',
};

const people: Record<string, string[]> = {
  'user:default/hannah.becker': ['group:default/sre-leads'],
  'user:default/grace.whitfield': ['group:default/compliance-officers'],
  'user:default/amara.okafor': ['group:default/care-experience'],
  'user:default/solo': [],
};

const userInfo = {
  async getUserInfo(credentials: any): Promise<BackstageUserInfo> {
    const ref = credentials.principal.userEntityRef as string;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...(people[ref] ?? [])],
    };
  },
};

const asUser = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [] },
});

describe('readPermissionGrants', () => {
  it('reads permission names written as literal dotted keys', () => {
    const grants = readPermissionGrants(
      new ConfigReader({
        vitals: {
          permissions: {
            'dr-readiness.drill.create': ['group:default/sre-leads'],
          },
        },
      }),
    );
    expect([...grants.get('dr-readiness.drill.create')!]).toEqual([
      'group:default/sre-leads',
    ]);
  });

  it('reads the nested form of the same names', () => {
    const grants = readPermissionGrants(
      new ConfigReader({
        vitals: {
          permissions: {
            compliance: { exemption: { manage: ['compliance-officers'] } },
          },
        },
      }),
    );
    expect([...grants.get('compliance.exemption.manage')!]).toEqual([
      'group:default/compliance-officers',
    ]);
  });

  it('takes bare names as groups, keeps users, and lower-cases refs', () => {
    const grants = readPermissionGrants(
      new ConfigReader({
        vitals: {
          permissions: {
            'dr-readiness.drill.create': ['SRE-Leads', 'user:ops/Night.Shift'],
          },
        },
      }),
    );
    expect([...grants.get('dr-readiness.drill.create')!]).toEqual([
      'group:default/sre-leads',
      'user:ops/night.shift',
    ]);
  });

  it('restricts every Vitals write permission even when config omits it', () => {
    const grants = readPermissionGrants(new ConfigReader({}));
    expect(grants.get('dr-readiness.drill.create')?.size).toBe(0);
    expect(grants.get('compliance.exemption.manage')?.size).toBe(0);
  });

  it('rejects a value that is not a list of refs, naming the key', () => {
    expect(() =>
      readPermissionGrants(
        new ConfigReader({
          vitals: { permissions: { 'dr-readiness.drill.create': 'sre-leads' } },
        }),
      ),
    ).toThrow(
      /vitals\.permissions\.dr-readiness\.drill\.create must be a list/,
    );
  });
});

describe('VitalsPermissionPolicy', () => {
  const policy = new VitalsPermissionPolicy(
    readPermissionGrants(
      new ConfigReader({
        vitals: {
          permissions: {
            'dr-readiness.drill.create': ['group:default/sre-leads'],
            'compliance.exemption.manage': [
              'group:default/compliance-officers',
            ],
          },
        },
      }),
    ),
    userInfo,
  );

  it.each([
    ['user:default/hannah.becker', 'drill', AuthorizeResult.ALLOW],
    ['user:default/amara.okafor', 'drill', AuthorizeResult.DENY],
    ['user:default/grace.whitfield', 'drill', AuthorizeResult.DENY],
    ['user:default/grace.whitfield', 'exemption', AuthorizeResult.ALLOW],
    ['user:default/hannah.becker', 'exemption', AuthorizeResult.DENY],
    ['user:default/solo', 'read', AuthorizeResult.ALLOW],
    ['user:default/amara.okafor', 'read', AuthorizeResult.ALLOW],
  ] as const)('%s asking for %s gets %s', async (user, which, expected) => {
    const permission = {
      drill: drillCreate,
      exemption: exemptionManage,
      read: catalogRead,
    }[which];
    const decision = await policy.handle({ permission }, asUser(user));
    expect(decision.result).toBe(expected);
  });

  it('denies a request that carries no user', async () => {
    const decision = await policy.handle({ permission: catalogRead });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});

describe('vitalsPermissionPolicyModule in the permission backend', () => {
  it('answers authorize requests over HTTP with the configured grants', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        vitalsPermissionPolicyModule,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            vitals: {
              permissions: {
                'dr-readiness.drill.create': ['group:default/sre-leads'],
              },
            },
          },
        }),
        mockServices.userInfo.mock(userInfo).factory,
      ],
    });

    const authorize = (user: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: [
            { id: 'drill', permission: drillCreate },
            { id: 'exemption', permission: exemptionManage },
            { id: 'read', permission: { ...catalogRead, type: 'basic' } },
          ],
        });

    const lead = await authorize('user:default/hannah.becker');
    expect(lead.status).toBe(200);
    expect(lead.body.items).toEqual([
      { id: 'drill', result: AuthorizeResult.ALLOW },
      { id: 'exemption', result: AuthorizeResult.DENY },
      { id: 'read', result: AuthorizeResult.ALLOW },
    ]);

    const engineer = await authorize('user:default/amara.okafor');
    expect(engineer.body.items.map((i: any) => i.result)).toEqual([
      AuthorizeResult.DENY,
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
    ]);
  });
});
