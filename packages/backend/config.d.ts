export interface Config {
  vitals?: {
    /**
     * The Vitals permission policy: each permission name maps to the entity
     * refs (groups or users) granted it, e.g.
     * `dr-readiness.drill.create: [group:default/sre-leads]`. Bare names are
     * groups in the default namespace. The Vitals write permissions are denied
     * to everyone not listed; every other permission is allowed to any
     * signed-in user.
     */
    permissions?: {
      [permissionName: string]: string[] | { [part: string]: any };
    };
  };
}
