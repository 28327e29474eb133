// @ts-check

/**
 * The Azure inventory moves to the shared inventory service
 * (`@vitals/azure-inventory`), which compliance and DR readiness both read:
 * the plugin's own copy goes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.dropTableIfExists('compliance_inventory');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.createTable('compliance_inventory', table => {
    table.string('id', 16).primary().notNullable();
    table.string('source', 16).nullable();
    table.text('origin').nullable();
    table.text('subscriptions').nullable();
    table.bigInteger('fetched_at').nullable();
    table.bigInteger('refreshed_at').nullable();
    table.integer('resource_count').nullable();
    table.string('content_hash', 64).nullable();
    table.binary('content').nullable();
    table.bigInteger('last_attempt_at').nullable();
    table.text('last_error').nullable();
  });
};
