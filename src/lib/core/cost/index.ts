// Cost formulas (public entry): per-request cost for the runner and the simulator.
export * from './request-cost';
