// @ts-check

/**
 * The compliance store. Verdicts are kept as spans: a row holds one entity's
 * (or one entity control's) verdict from the evaluation that first produced
 * it (`valid_from`) until the evaluation that produced a different one
 * (`valid_to`, null while it holds), so the verdict at any past instant is a
 * range lookup and unchanged runs write nothing but their run row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_runs', table => {
    table.increments('id').primary();
    table
      .string('scope', 255)
      .nullable()
      .comment('Null for the whole estate; else the one entity re-evaluated');
    table.string('trigger', 32).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.string('status', 16).notNullable().comment('running | ok | failed');
    table.text('error').nullable();
    table.string('rule_version', 64).notNullable();
    table.string('framework_version', 64).notNullable();
    table.string('inventory_source', 16).nullable();
    table.text('inventory_origin').nullable();
    table.bigInteger('inventory_fetched_at').nullable();
    table.bigInteger('inventory_refreshed_at').nullable();
    table
      .text('inventory_error')
      .nullable()
      .comment('The inventory load failed; the last good inventory was used');
    table.bigInteger('dr_evaluated_at').nullable();
    table.text('dr_error').nullable();
    table.integer('entities').notNullable().defaultTo(0);
    table.integer('changed').notNullable().defaultTo(0);
    table.text('summary').nullable().comment('JSON: entities per status');
    table
      .text('unowned')
      .nullable()
      .comment('JSON: { total, items } of resources no entity claims');
    table
      .text('selector_errors')
      .nullable()
      .comment('JSON: unparseable vitals.dev/azure-selector clauses');
    table.index(['started_at'], 'compliance_runs_started_idx');
    table.index(['scope', 'status'], 'compliance_runs_scope_idx');
  });

  await knex.schema.createTable('compliance_entity_verdicts', table => {
    table.increments('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('valid_from').notNullable();
    table.bigInteger('valid_to').nullable();
    table.integer('run_id').notNullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('classification', 32).nullable();
    table.string('status', 16).notNullable();
    table.integer('score').nullable();
    table
      .text('control_statuses')
      .notNullable()
      .comment('JSON: { [controlId]: ControlStatus }');
    table
      .text('header')
      .notNullable()
      .comment('JSON: the result without its controls and volatile fields');
    table.string('fingerprint', 64).notNullable();
    table.index(['entity_ref', 'valid_from'], 'compliance_ev_entity_idx');
    table.index(['valid_to'], 'compliance_ev_open_idx');
    table.index(['valid_from'], 'compliance_ev_from_idx');
  });

  await knex.schema.createTable('compliance_control_verdicts', table => {
    table.increments('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 64).notNullable();
    table.bigInteger('valid_from').notNullable();
    table.bigInteger('valid_to').nullable();
    table.integer('run_id').notNullable();
    table.string('status', 16).notNullable();
    table.string('rule_version', 64).notNullable();
    table
      .text('result')
      .notNullable()
      .comment(
        'JSON: ControlResult with the property values seen; observation times come from the run',
      );
    table.string('fingerprint', 64).notNullable();
    table.index(
      ['entity_ref', 'control_id', 'valid_from'],
      'compliance_cv_entity_idx',
    );
    table.index(['valid_to'], 'compliance_cv_open_idx');
  });

  await knex.schema.createTable('compliance_exemptions', table => {
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 64).notNullable();
    table.text('resource_id').nullable();
    table.string('category', 32).notNullable();
    table.text('reason').notNullable();
    table.text('alternative_measure').nullable();
    table.text('ticket_url').nullable();
    table.string('requester', 255).notNullable();
    table.string('approver', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.bigInteger('revoked_at').nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref'], 'compliance_exemptions_entity_idx');
  });

  await knex.schema.createTable('compliance_attestations', table => {
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 64).notNullable();
    table.text('link').notNullable();
    table.text('note').nullable();
    table.string('attested_by', 255).notNullable();
    table.bigInteger('attested_at').notNullable();
    table.bigInteger('review_by').notNullable();
    table.bigInteger('revoked_at').nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['entity_ref'], 'compliance_attestations_entity_idx');
  });

  await knex.schema.createTable('compliance_inventory', table => {
    table.string('id', 16).primary().notNullable();
    table.string('source', 16).nullable();
    table.text('origin').nullable();
    table.text('subscriptions').nullable().comment('JSON: string[]');
    table.bigInteger('fetched_at').nullable();
    table.bigInteger('refreshed_at').nullable();
    table.integer('resource_count').nullable();
    table.string('content_hash', 64).nullable();
    table
      .binary('content')
      .nullable()
      .comment('gzip of the JSON resource list of the last good load');
    table.bigInteger('last_attempt_at').nullable();
    table.text('last_error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_inventory');
  await knex.schema.dropTable('compliance_attestations');
  await knex.schema.dropTable('compliance_exemptions');
  await knex.schema.dropTable('compliance_control_verdicts');
  await knex.schema.dropTable('compliance_entity_verdicts');
  await knex.schema.dropTable('compliance_runs');
};
