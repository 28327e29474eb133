import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * The write permissions of the Vitals plugins. Each is denied unless
 * `vitals.permissions` grants it to the user or one of the user's groups, so a
 * missing config entry never opens a write to everyone.
 */
export const VITALS_WRITE_PERMISSIONS = [
  'dr-readiness.drill.create',
  'compliance.exemption.manage',
] as const;

/** Which entity refs (groups or users) hold each restricted permission. */
export type PermissionGrants = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Reads `vitals.permissions`: a map from permission name to the entity refs
 * granted it. Refs without a kind are taken as groups in the default namespace.
 */
export function readPermissionGrants(config: Config): PermissionGrants {
  const grants = new Map<string, Set<string>>();
  for (const name of VITALS_WRITE_PERMISSIONS) {
    grants.set(name, new Set());
  }
  const section = config.getOptional('vitals.permissions');
  if (section === undefined) {
    return grants;
  }
  // Permission names contain dots. The config reader keeps a literal key such
  // as `dr-readiness.drill.create` whole but looks paths up by splitting on
  // dots, so the raw value is walked instead; this accepts both the literal key
  // and the nested form (`dr-readiness: { drill: { create: [...] } }`).
  const collect = (node: unknown, prefix: string) => {
    if (Array.isArray(node)) {
      const refs = node.map(ref => {
        if (typeof ref !== 'string') {
          throw new Error(
            `vitals.permissions.${prefix} must list entity refs as strings, got ${JSON.stringify(
              ref,
            )}`,
          );
        }
        return stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        ).toLocaleLowerCase('en-US');
      });
      grants.set(prefix, new Set([...(grants.get(prefix) ?? []), ...refs]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(
        node as Record<string, unknown>,
      )) {
        collect(value, prefix ? `${prefix}.${key}` : key);
      }
    } else {
      throw new Error(
        `vitals.permissions${
          prefix ? `.${prefix}` : ''
        } must be a list of entity refs, e.g. [group:default/sre-leads]`,
      );
    }
  };
  collect(section, '');
  return grants;
}

/**
 * Grants restricted (write) permissions to the groups and users named in
 * config, and allows every other permission (reads, running templates) to any
 * signed-in user.
 */
export class VitalsPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly grants: PermissionGrants,
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const granted = this.grants.get(request.permission.name);
    if (!granted) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    const holds = [userEntityRef, ...ownershipEntityRefs].some(ref =>
      granted.has(ref.toLocaleLowerCase('en-US')),
    );
    return { result: holds ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}

export const vitalsPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'vitals-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, logger, policy }) {
        const grants = readPermissionGrants(config);
        for (const [name, refs] of grants) {
          logger.info(
            `permission ${name} granted to ${
              refs.size ? [...refs].join(', ') : 'nobody'
            }`,
          );
        }
        policy.setPolicy(new VitalsPermissionPolicy(grants, userInfo));
      },
    });
  },
});
