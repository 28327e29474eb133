export {
  CoverageTable,
  JudgementChip,
  type CoverageTableProps,
} from './CoverageTable';
export {
  EntityCoverageList,
  type EntityCoverageListProps,
} from './EntityCoverageList';
