// Statistics entry point (pure): descriptive statistics, seeded bootstrap intervals, paired comparison,
// McNemar's test and the release-gate decision. See docs/scoring.md for the exact definitions.
export * from './descriptive';
export * from './bootstrap';
export * from './mcnemar';
export * from './gate';
export { createRng } from './prng';
