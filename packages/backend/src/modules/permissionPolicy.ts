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
 * The write permissions of the Vitals plugins. Like every write not in
 * ALWAYS_ALLOWED_WRITES they are denied unless `vitals.permissions` grants
 * them; they are listed so the startup log says who holds them, "nobody"
 * included.
 */
export const VITALS_WRITE_PERMISSIONS = [
  'dr-readiness.drill.create',
  'compliance.exemption.manage',
  'slo.deploy-gate.override',
  'slo.deployment.create',
] as const;

/**
 * Writes every signed-in user may do, with why: what running the
 * hipaa-service template end to end needs, as Backstage 1.55 checks it. Any
 * other write (a permission whose `attributes.action` is create, update or
 * delete, or that has no action) is denied unless `vitals.permissions`
 * grants it.
 */
export const ALWAYS_ALLOWED_WRITES: Readonly<Record<string, string>> = {
  'scaffolder.task.create':
    'Starting a template run (POST /api/scaffolder/v2/tasks); the scaffolder also checks it for retries and dry runs.',
  'scaffolder.action.execute':
    "Each step of a run executes with the initiator's credentials; the Vitals actions re-check their input on the server (allowed repository hosts included).",
  'scaffolder.template.dry-run':
    "The template editor's dry run (POST /api/scaffolder/v2/dry-run): actions run with isDryRun, so nothing is published or registered.",
  'scaffolder.template.management':
    'Opens the template editor in the browser; it changes nothing by itself.',
  'catalog.location.create':
    "catalog:register, the template's last step, adds the new repository's catalog-info.yaml as a location (POST /api/catalog/locations, also with dryRun to find the entity ref). It checks nothing else: no entity refresh or create.",
  'catalog.location.analyze':
    'The catalog import page reads a repository to propose entities; nothing is stored.',
  'catalog.entity.validate':
    'Validates an entity descriptor (POST /api/catalog/validate-entity); nothing is stored.',
};

/** Which entity refs (groups or users) hold each restricted permission. */
export type PermissionGrants = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Reads `vitals.permissions`: a map from permission name to the entity refs
 * granted it. Refs without a kind are taken as groups in the default
 * namespace. A permission listed there is allowed to exactly the refs listed,
 * whether it would otherwise be open (a read, an always-allowed write) or
 * denied (any other write).
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
 * Which rule decides `permission` (before looking at the user): a permission
 * named in `vitals.permissions` is restricted to the refs listed; an
 * always-allowed write and any read (`attributes.action: read`) are open to
 * signed-in users; every other permission is a write and denied. Permissions
 * without an action (scaffolder task cancel, for one) count as writes.
 */
export function ruleFor(
  permission: PolicyQuery['permission'],
  grants: PermissionGrants,
): 'restricted' | 'always-allowed-write' | 'read' | 'write-by-default-denied' {
  if (grants.has(permission.name)) {
    return 'restricted';
  }
  if (
    Object.prototype.hasOwnProperty.call(ALWAYS_ALLOWED_WRITES, permission.name)
  ) {
    return 'always-allowed-write';
  }
  if (permission.attributes?.action === 'read') {
    return 'read';
  }
  return 'write-by-default-denied';
}

/**
 * Deny by default for writes: reads and the writes that running a template
 * needs are open to any signed-in user; every other write only to the groups
 * and users `vitals.permissions` names for it. Requests without a user
 * (service-to-service calls the framework asks about) are denied.
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
    const rule = ruleFor(request.permission, this.grants);
    if (rule === 'always-allowed-write' || rule === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (rule === 'write-by-default-denied') {
      return { result: AuthorizeResult.DENY };
    }
    const granted = this.grants.get(request.permission.name)!;
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
        logger.info(
          `writes allowed to every signed-in user: ${Object.keys(
            ALWAYS_ALLOWED_WRITES,
          ).join(', ')}; every other write is denied unless granted`,
        );
        policy.setPolicy(new VitalsPermissionPolicy(grants, userInfo));
      },
    });
  },
});
