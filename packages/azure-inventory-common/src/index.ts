export * from './model';
export * from './coverage';
export * from './selectors';
