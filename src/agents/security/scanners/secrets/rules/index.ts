import type { SecretRule } from '../rule';
import { AI_RULES } from './ai';
import { CLOUD_RULES } from './cloud';
import { CODE_HOSTING_RULES } from './code-hosting';
import { INFRASTRUCTURE_RULES } from './infrastructure';
import { MESSAGING_RULES } from './messaging';
import { PAYMENT_RULES } from './payments';
import { REGISTRY_RULES } from './registries';
import { STRUCTURAL_RULES } from './structural';

export const SECRET_RULES: readonly SecretRule[] = [
  ...CLOUD_RULES,
  ...CODE_HOSTING_RULES,
  ...PAYMENT_RULES,
  ...MESSAGING_RULES,
  ...AI_RULES,
  ...REGISTRY_RULES,
  ...INFRASTRUCTURE_RULES,
  ...STRUCTURAL_RULES,
];
