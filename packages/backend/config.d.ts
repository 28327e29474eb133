export interface Config {
  vitals?: {
    /**
     * The Vitals permission policy: each permission name maps to the entity
     * refs (groups or users) granted it, e.g.
     * `dr-readiness.drill.create: [group:default/sre-leads]`. Bare names are
     * groups in the default namespace. A permission listed here is allowed to
     * exactly the refs listed. Unlisted: reads and the writes running a
     * template needs (scaffolder task create, action execute, dry run,
     * catalog location create) are allowed to any signed-in user; every other
     * write (create, update, delete, or no action, e.g. catalog.entity.delete,
     * catalog.location.delete, scaffolder.task.cancel and the Vitals writes)
     * is denied.
     */
    permissions?: {
      [permissionName: string]: string[] | { [part: string]: any };
    };
  };
}
