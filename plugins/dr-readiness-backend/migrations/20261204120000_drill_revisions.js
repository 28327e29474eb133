// @ts-check

/**
 * Corrections and withdrawals of DR drills. A drill row is never changed or
 * deleted once recorded: each correction (the complete corrected drill) and
 * the withdrawal is a revision row of its own, with who made it, when and
 * why. What a drill says now is its last correction; a withdrawn drill stays
 * in the history and no longer counts for readiness.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dr_drill_revisions', table => {
    table
      .string('drill_id', 64)
      .notNullable()
      .references('id')
      .inTable('dr_drills')
      .onDelete('RESTRICT');
    table
      .integer('seq')
      .notNullable()
      .comment(
        '1, 2, ... per drill; the primary key makes two concurrent revisions of the same drill conflict instead of both applying',
      );
    table.string('action', 16).notNullable().comment('correct | withdraw');
    // The corrected drill; null for a withdrawal.
    table.string('region', 64).nullable();
    table.string('performed_at', 64).nullable();
    table.bigInteger('performed_at_ms').nullable();
    table.string('outcome', 16).nullable();
    table.string('rto_achieved', 32).nullable();
    table.string('rpo_achieved', 32).nullable();
    table.text('notes').nullable();
    table.text('reason').notNullable();
    table.string('revised_by', 255).notNullable();
    table.string('revised_at', 64).notNullable();
    table.primary(['drill_id', 'seq']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dr_drill_revisions');
};
