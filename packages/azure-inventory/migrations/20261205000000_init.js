// @ts-check

/**
 * The shared Azure inventory: the last good snapshot of the estate that the
 * DR-readiness and compliance plugins both evaluate, how the latest attempt
 * to refresh it went, and the lease that lets one replica refresh at a time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('vitals_inventory_snapshot', table => {
    table
      .string('id', 16)
      .primary()
      .notNullable()
      .comment('Always "latest": only the last good snapshot is kept');
    table.string('source', 16).notNullable();
    table.text('origin').notNullable();
    table
      .string('fetched_at', 64)
      .notNullable()
      .comment('When the data was read from Azure (or exported)');
    table
      .bigInteger('refreshed_at')
      .notNullable()
      .comment('When this snapshot was loaded, epoch ms; also its version');
    table.integer('resource_count').notNullable();
    table.text('subscriptions').notNullable().comment('JSON: string[]');
    table.text('stats').notNullable().comment('JSON: InventoryFetchStats');
    table
      .text('problems')
      .notNullable()
      .comment('JSON: { errors, warnings } of the load');
    table
      .string('content_hash', 64)
      .notNullable()
      .comment('sha256 of the JSON resources, to tell unchanged loads apart');
    table
      .binary('content')
      .notNullable()
      .comment('gzip of the JSON AzureResource[]');
  });

  await knex.schema.createTable('vitals_inventory_attempt', table => {
    table.string('id', 16).primary().notNullable().comment('Always "latest"');
    table
      .bigInteger('attempted_at')
      .notNullable()
      .comment('When the latest refresh started, epoch ms');
    table
      .bigInteger('finished_at')
      .nullable()
      .comment('When it ended, epoch ms; null while it runs');
    table
      .text('error')
      .nullable()
      .comment('Why it failed; null when it succeeded or still runs');
  });

  await knex.schema.createTable('vitals_inventory_lease', table => {
    table.string('id', 16).primary().notNullable().comment('Always "refresh"');
    table
      .string('holder', 64)
      .notNullable()
      .comment('The process that is reading Azure');
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('Epoch ms after which another process may take over');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('vitals_inventory_lease');
  await knex.schema.dropTable('vitals_inventory_attempt');
  await knex.schema.dropTable('vitals_inventory_snapshot');
};
