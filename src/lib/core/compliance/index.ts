// Compliance entry point: profile rules and route recommendation.
export * from './recommend';
