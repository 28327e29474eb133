export {
  createVitalsTestDatabases,
  VITALS_TEST_DATABASE_IDS,
} from './databases';
export {
  HOSTILE_DATES,
  HOSTILE_NUMBERS,
  HOSTILE_REFS,
  asQueryValues,
  checkAnswer,
  checkRefusal,
  findLeak,
  hostileTexts,
  isScalar,
  queryPart,
  showValue,
} from './hostileInput';
export type { CorpusExpectation, RefusalExpectation } from './hostileInput';
export { clientOptionsFor, rejectionOf } from './clientContract';
