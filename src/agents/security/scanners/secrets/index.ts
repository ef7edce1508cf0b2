export { createSecretsScanner, type SecretsScannerOptions } from './scanner';
export { maskSecret } from './mask';
export { SECRET_RULES } from './rules/index';
export type { SecretAllowlist, SecretRule } from './rule';
export { loadGitleaksRules, type GitleaksConfig } from './gitleaks-config';
export { scanGitHistory, type HistoryScanOptions } from './history';
