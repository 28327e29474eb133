import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** Every Vitals storage test runs on the embedded and the production database. */
export const VITALS_TEST_DATABASE_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_15',
];

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * Creates the TestDatabases for a storage test file. PostgreSQL is used when
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` points at a server
 * (scripts/test.sh sets it when one answers); otherwise the file says loudly
 * that it ran on SQLite only. Docker is never used.
 */
export function createVitalsTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: VITALS_TEST_DATABASE_IDS,
    disableDocker: true,
  });
  if (!databases.supports('POSTGRES_15')) {
    // eslint-disable-next-line no-console
    console.warn(
      `PostgreSQL SKIPPED: ${POSTGRES_ENV} is not set, so this file's storage tests ran on SQLite only`,
    );
  }
  return databases;
}
