export * from './buckets';
export * from './budget';
export * from './burnRate';
export * from './calendar';
export * from './counters';
export * from './evaluate';
export * from './policy';
export * from './series';
