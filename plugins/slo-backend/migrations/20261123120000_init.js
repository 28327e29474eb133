// @ts-check

/**
 * The SLO store: what each entity declares, the computed figures of each SLO
 * objective, and the bucketed good/total counts they are computed from.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_entities', table => {
    table.string('entity_ref', 255).primary().notNullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table
      .text('refs')
      .notNullable()
      .comment('JSON: the resolved vitals.dev/slo-ref locations');
    table
      .text('document_issues')
      .notNullable()
      .comment('JSON: SloDocumentIssue[]');
    table.text('read_error').nullable();
    table.bigInteger('read_at').notNullable();
  });

  await knex.schema.createTable('slo_targets', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('series_key', 64).notNullable();
    table
      .text('definition')
      .notNullable()
      .comment('JSON: SloDefinition and objective key');
    table.string('data_source', 255).notNullable();
    table
      .text('status')
      .nullable()
      .comment('JSON: the last computed SloStatus');
    table.bigInteger('computed_at').nullable();
    table.bigInteger('last_attempt_at').nullable();
    table.text('last_error').nullable();
    // Denormalised for the overview's filters and sorting.
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('display_name', 255).notNullable();
    table.double('target').notNullable();
    table.double('sli').nullable();
    table.double('remaining').nullable();
    table.string('policy_state', 16).nullable();
    table.boolean('firing').notNullable().defaultTo(false);
    table.string('firing_severity', 16).nullable();
    table.primary(['entity_ref', 'name']);
    table.index(['owner'], 'slo_targets_owner_idx');
    table.index(['system'], 'slo_targets_system_idx');
    table.index(['series_key'], 'slo_targets_series_idx');
  });

  await knex.schema.createTable('slo_series', table => {
    table.string('series_key', 64).primary().notNullable();
    table.bigInteger('step_ms').notNullable();
    table
      .bigInteger('fine_until')
      .nullable()
      .comment('End of the last fetched bucket');
    table.boolean('daily_backfilled').notNullable().defaultTo(false);
  });

  await knex.schema.createTable('slo_buckets', table => {
    table.string('series_key', 64).notNullable();
    table.bigInteger('start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.primary(['series_key', 'start']);
  });

  await knex.schema.createTable('slo_daily', table => {
    table.string('series_key', 64).notNullable();
    table.bigInteger('start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.primary(['series_key', 'start']);
  });

  await knex.schema.createTable('slo_meta', table => {
    table.string('key', 64).primary().notNullable();
    table.text('value').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_meta');
  await knex.schema.dropTable('slo_daily');
  await knex.schema.dropTable('slo_buckets');
  await knex.schema.dropTable('slo_series');
  await knex.schema.dropTable('slo_targets');
  await knex.schema.dropTable('slo_entities');
};
