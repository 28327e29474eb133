// @ts-check

/**
 * The Azure inventory moves to the shared inventory service
 * (`@vitals/azure-inventory`), which DR readiness and compliance both read:
 * the plugin's own copy, and the meta keys of its refreshes, go.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.dropTableIfExists('dr_inventory');
  await knex('dr_meta')
    .whereIn('key', ['inventory.last_error', 'inventory.last_attempt_at'])
    .delete();
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.createTable('dr_inventory', table => {
    table.string('id', 16).primary().notNullable();
    table.string('source', 16).notNullable();
    table.text('origin').notNullable();
    table.string('fetched_at', 64).notNullable();
    table.bigInteger('refreshed_at').notNullable();
    table.integer('resource_count').notNullable();
    table.text('subscriptions').notNullable();
    table.text('stats').notNullable();
    table.text('problems').notNullable();
    table.binary('content').notNullable();
  });
};
