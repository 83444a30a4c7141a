// werkbank.config.yaml: schema and loader.
export { loadConfig, parseConfig, ConfigError, type ConfigIssue } from './load';
export { configFileSchema, targetConfigSchema, rateLimitSchema, looksLikeSecret, type TargetConfig, type WerkbankConfig } from './schema';
