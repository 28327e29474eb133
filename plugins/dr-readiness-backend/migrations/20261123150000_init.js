// @ts-check

/**
 * The DR-readiness store: the last good Azure inventory, the readiness of
 * every entity with DR annotations, what losing each region does to each
 * entity, and the recorded DR drills.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dr_inventory', table => {
    table
      .string('id', 16)
      .primary()
      .notNullable()
      .comment('Always "latest": only the last good inventory is kept');
    table.string('source', 16).notNullable();
    table.text('origin').notNullable();
    table
      .string('fetched_at', 64)
      .notNullable()
      .comment('When the data was read from Azure (or exported)');
    table
      .bigInteger('refreshed_at')
      .notNullable()
      .comment('When this copy was loaded, epoch ms; also its version');
    table.integer('resource_count').notNullable();
    table.text('subscriptions').notNullable().comment('JSON: string[]');
    table.text('stats').notNullable().comment('JSON: InventoryFetchStats');
    table
      .text('problems')
      .notNullable()
      .comment('JSON: { errors, warnings } of the load');
    table
      .binary('content')
      .notNullable()
      .comment('gzip of the JSON AzureResource[]');
  });

  await knex.schema.createTable('dr_evaluations', table => {
    table.string('entity_ref', 255).primary().notNullable();
    // Denormalised for the overview's filters and rollups.
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('tier', 16).nullable();
    table.string('status', 16).notNullable();
    table.integer('score').nullable();
    table.boolean('required').notNullable().defaultTo(true);
    table.string('primary_region', 64).nullable();
    table.string('secondary_region', 64).nullable();
    table.string('pairing', 16).nullable();
    table
      .text('cells')
      .notNullable()
      .comment('JSON: { [region]: { role, status } }');
    table.string('last_drill_at', 64).nullable();
    table.string('last_drill_outcome', 16).nullable();
    table
      .text('policy_errors')
      .nullable()
      .comment('JSON: [{ annotation, value, reason, message }]');
    table
      .text('evaluation')
      .nullable()
      .comment('JSON: EntityReadiness; null when the policy is unreadable');
    table.bigInteger('evaluated_at').notNullable();
    table
      .bigInteger('inventory_refreshed_at')
      .nullable()
      .comment('Version of the inventory evaluated');
    table.index(['owner'], 'dr_evaluations_owner_idx');
    table.index(['system'], 'dr_evaluations_system_idx');
  });

  await knex.schema.createTable('dr_region_impacts', table => {
    table.string('region', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('outcome', 16).notNullable();
    table.text('impact').notNullable().comment('JSON: ServiceImpact');
    table.primary(['region', 'entity_ref']);
    table.index(['entity_ref'], 'dr_region_impacts_entity_idx');
  });

  await knex.schema.createTable('dr_drills', table => {
    table.string('id', 64).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('region', 64).notNullable();
    table.string('performed_at', 64).notNullable();
    table.bigInteger('performed_at_ms').notNullable();
    table.string('outcome', 16).notNullable();
    table.string('rto_achieved', 32).nullable();
    table.string('rpo_achieved', 32).nullable();
    table.text('notes').notNullable();
    table.string('recorded_by', 255).notNullable();
    table.string('recorded_at', 64).notNullable();
    table.index(['entity_ref'], 'dr_drills_entity_idx');
  });

  await knex.schema.createTable('dr_meta', table => {
    table.string('key', 64).primary().notNullable();
    table.text('value').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dr_meta');
  await knex.schema.dropTable('dr_drills');
  await knex.schema.dropTable('dr_region_impacts');
  await knex.schema.dropTable('dr_evaluations');
  await knex.schema.dropTable('dr_inventory');
};
