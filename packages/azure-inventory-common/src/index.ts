export * from './model';
export * from './coverage';
