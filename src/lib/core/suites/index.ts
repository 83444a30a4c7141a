// Public surface of the suite core: schema, types and prompt rendering.
export * from './schema';
export * from './render';
