// Catalog entry point for core consumers: schemas, types and pure helpers.
export * from './schema';
export * from './helpers';
