// @ts-check

/**
 * Deployments recorded by pipelines (marked on the SLO charts) and the
 * overrides of the deploy gate: each a decision by an approver, on someone
 * else's request, that lasts until it expires or is revoked.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_deployments', table => {
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('version', 128).notNullable();
    table.string('environment', 64).notNullable();
    table.bigInteger('at').notNullable();
    table.string('url', 2048).nullable();
    table.string('recorded_by', 255).notNullable();
    table.bigInteger('recorded_at').notNullable();
    table.index(['entity_ref', 'at'], 'slo_deployments_entity_at_idx');
  });

  await knex.schema.createTable('slo_gate_overrides', table => {
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('requester', 255).notNullable();
    table.string('approver', 255).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.bigInteger('revoked_at').nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref', 'expires_at'], 'slo_gate_overrides_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_gate_overrides');
  await knex.schema.dropTable('slo_deployments');
};
