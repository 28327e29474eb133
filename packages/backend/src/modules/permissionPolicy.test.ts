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
import { Permission } from '@backstage/plugin-permission-common';
import {
  ALWAYS_ALLOWED_WRITES,
  readPermissionGrants,
  ruleFor,
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

/**
 * The catalog and scaffolder permissions of Backstage 1.55 as they are
 * declared (@backstage/plugin-catalog-common/alpha,
 * @backstage/plugin-scaffolder-common/alpha); permissionPolicy.routes.test.ts
 * checks the real ones behind the real routes.
 */
const perm = (
  name: string,
  action?: 'create' | 'read' | 'update' | 'delete',
): Permission => ({
  type: 'basic',
  name,
  attributes: action ? { action } : {},
});
const catalogPermissions = [
  perm('catalog.entity.read', 'read'),
  perm('catalog.entity.create', 'create'),
  perm('catalog.entity.delete', 'delete'),
  perm('catalog.entity.refresh', 'update'),
  perm('catalog.entity.validate'),
  perm('catalog.location.read', 'read'),
  perm('catalog.location.create', 'create'),
  perm('catalog.location.analyze'),
  perm('catalog.location.delete', 'delete'),
  perm('catalog.ingestion.read', 'read'),
  perm('catalog.ingestion.manage', 'update'),
];
const scaffolderPermissions = [
  perm('scaffolder.action.execute'),
  perm('scaffolder.template.parameter.read', 'read'),
  perm('scaffolder.template.step.read', 'read'),
  perm('scaffolder.template.dry-run'),
  perm('scaffolder.task.read', 'read'),
  perm('scaffolder.task.create', 'create'),
  perm('scaffolder.task.cancel'),
  perm('scaffolder.template.management'),
];
const vitalsPermissions = [drillCreate, exemptionManage];
const named = (name: string) =>
  [...catalogPermissions, ...scaffolderPermissions].find(p => p.name === name)!;
const catalogEntityDeletePermission = named('catalog.entity.delete');
const catalogLocationDeletePermission = named('catalog.location.delete');
const catalogEntityRefreshPermission = named('catalog.entity.refresh');
const catalogLocationCreatePermission = named('catalog.location.create');
const catalogEntityReadPermission = named('catalog.entity.read');
const taskCancelPermission = named('scaffolder.task.cancel');
const taskCreatePermission = named('scaffolder.task.create');
const actionExecutePermission = named('scaffolder.action.execute');
const templateDryRunPermission = named('scaffolder.template.dry-run');

const people: Record<string, string[]> = {
  'user:default/hannah.becker': ['group:default/sre-leads'],
  'user:default/grace.whitfield': ['group:default/compliance-officers'],
  'user:default/amara.okafor': ['group:default/care-experience'],
  'user:default/solo': [],
  'user:default/platform.admin': ['group:default/platform-reliability'],
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

  it.each([
    catalogEntityDeletePermission,
    catalogLocationDeletePermission,
    catalogEntityRefreshPermission,
    taskCancelPermission,
    {
      type: 'basic' as const,
      name: 'some-plugin.thing.update',
      attributes: { action: 'update' as const },
    },
    {
      type: 'basic' as const,
      name: 'some-plugin.thing.create',
      attributes: { action: 'create' as const },
    },
    {
      type: 'basic' as const,
      name: 'some-plugin.thing.do',
      attributes: {},
    },
  ])(
    'denies the write $name nobody was granted, to every user',
    async permission => {
      for (const user of Object.keys(people)) {
        const decision = await policy.handle({ permission }, asUser(user));
        expect(decision.result).toBe(AuthorizeResult.DENY);
      }
    },
  );

  it.each([
    taskCreatePermission,
    actionExecutePermission,
    templateDryRunPermission,
    catalogLocationCreatePermission,
    catalogEntityReadPermission,
  ])(
    'allows $name, which running a template needs, to any signed-in user',
    async permission => {
      const decision = await policy.handle(
        { permission },
        asUser('user:default/solo'),
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    },
  );

  it('grants any write to the refs vitals.permissions names for it', async () => {
    const granting = new VitalsPermissionPolicy(
      readPermissionGrants(
        new ConfigReader({
          vitals: {
            permissions: {
              'catalog.entity.delete': ['platform-reliability'],
              'scaffolder.task.cancel': ['user:default/solo'],
            },
          },
        }),
      ),
      userInfo,
    );
    const decide = async (permission: Permission, user: string) =>
      (await granting.handle({ permission }, asUser(user))).result;
    expect(
      await decide(
        catalogEntityDeletePermission,
        'user:default/platform.admin',
      ),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide(catalogEntityDeletePermission, 'user:default/solo'),
    ).toBe(AuthorizeResult.DENY);
    expect(await decide(taskCancelPermission, 'user:default/solo')).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      await decide(
        catalogLocationDeletePermission,
        'user:default/platform.admin',
      ),
    ).toBe(AuthorizeResult.DENY);
  });

  it('restricts an always-allowed write once vitals.permissions lists it', async () => {
    const narrowed = new VitalsPermissionPolicy(
      readPermissionGrants(
        new ConfigReader({
          vitals: {
            permissions: { 'scaffolder.task.create': ['platform-reliability'] },
          },
        }),
      ),
      userInfo,
    );
    expect(
      (
        await narrowed.handle(
          { permission: taskCreatePermission },
          asUser('user:default/solo'),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('classifies every catalog, scaffolder and Vitals permission: reads and the template writes open, the rest denied', () => {
    const grants = readPermissionGrants(new ConfigReader({}));
    const open = [
      ...catalogPermissions,
      ...scaffolderPermissions,
      ...vitalsPermissions,
    ]
      .filter(p => ruleFor(p, grants) !== 'write-by-default-denied')
      .filter(p => ruleFor(p, grants) !== 'restricted')
      .map(p => p.name)
      .sort();
    expect(open).toEqual(
      [
        'catalog.entity.read',
        'catalog.entity.validate',
        'catalog.ingestion.read',
        'catalog.location.analyze',
        'catalog.location.create',
        'catalog.location.read',
        'scaffolder.action.execute',
        'scaffolder.task.create',
        'scaffolder.task.read',
        'scaffolder.template.dry-run',
        'scaffolder.template.management',
        'scaffolder.template.parameter.read',
        'scaffolder.template.step.read',
      ].sort(),
    );
    expect(
      Object.keys(ALWAYS_ALLOWED_WRITES).every(name => open.includes(name)),
    ).toBe(true);
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
