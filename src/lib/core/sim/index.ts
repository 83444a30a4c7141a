// Simulator core (public entry): scenario schema, resolver, reference model, Rechenweg, sensitivity,
// Monte Carlo, packages/budgets and the verdict on the paper's claims. Pure; runs in Node and the browser.
export * from './scenario';
export * from './resolve';
export * from './model';
export * from './rechenweg';
export * from './sensitivity';
export * from './budget';
export * from './verdict';
export * from './run';
export * from './calibration';
