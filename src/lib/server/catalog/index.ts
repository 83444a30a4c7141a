// Server-side catalog entry point: loading with overrides, and price snapshots.
export { loadCatalog, clearCatalogCache, CatalogError, lineOf, CATALOG_DIR, type CatalogErrorIssue, type LoadCatalogOptions } from './load';
export { snapshotPrice, type SnapshotPriceInput } from './snapshot';
