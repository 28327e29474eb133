export {
  createVitalsTestDatabases,
  VITALS_TEST_DATABASE_IDS,
} from './databases';
export {
  HOSTILE_DATES,
  HOSTILE_NUMBERS,
  HOSTILE_REFS,
  asQueryValues,
  checkRefusal,
  findLeak,
  hostileTexts,
  queryPart,
} from './hostileInput';
export type { RefusalExpectation } from './hostileInput';
export { clientOptionsFor, rejectionOf } from './clientContract';
