export {
  createVitalsTestDatabases,
  VITALS_TEST_DATABASE_IDS,
} from './databases';
