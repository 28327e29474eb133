export * from './annotations';
export * from './duration';
export * from './model';
export * from './parse';
export * from './math';
export * from './api';
export * from './client';
export * from './permissions';
