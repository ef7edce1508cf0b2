import { END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

const VAULT_REVOKE = 'Revoke it (`vault token revoke`, or its lease) and issue a short-lived token through an auth method.';

export const INFRASTRUCTURE_RULES: SecretRule[] = [
  secretRule(
    'vault-service-token',
    {
      title: 'HashiCorp Vault service token',
      description: 'A Vault service token (hvs.) reads every secret its policies allow.',
      fix: VAULT_REVOKE,
      severity: 'critical',
    },
    { keywords: ['hvs.'], regex: regex(`\\b(hvs\\.[\\w-]{90,120})${END}`), entropy: 3.5 },
  ),
  secretRule(
    'vault-batch-token',
    {
      title: 'HashiCorp Vault batch token',
      description: 'A Vault batch token (hvb.) reads every secret its policies allow until it expires.',
      fix: VAULT_REVOKE,
      severity: 'high',
    },
    { keywords: ['hvb.'], regex: regex(`\\b(hvb\\.[\\w-]{138,300})${END}`), entropy: 3.5 },
  ),
  secretRule(
    'terraform-cloud-token',
    {
      title: 'HCP Terraform (Terraform Cloud) API token',
      description: 'A Terraform Cloud token (.atlasv1.) runs plans and applies and reads workspace variables and state.',
      fix: 'Delete the token in HCP Terraform (User or Organization settings > Tokens) and create a new one.',
      severity: 'critical',
    },
    { keywords: ['.atlasv1.'], regex: regex(`\\b([A-Za-z0-9]{14}\\.atlasv1\\.[\\w=-]{60,70})${END}`), entropy: 3.5 },
  ),
  secretRule(
    'pulumi-token',
    {
      title: 'Pulumi access token',
      description: 'A Pulumi access token (pul-) updates stacks and reads their configuration secrets.',
      fix: 'Delete the token in Pulumi Cloud (Settings > Access tokens) and create a new one.',
      severity: 'high',
    },
    { keywords: ['pul-'], regex: regex(`\\b(pul-[a-f0-9]{40})\\b`), entropy: 3 },
  ),
  secretRule(
    'doppler-token',
    {
      title: 'Doppler token',
      description: 'A Doppler personal, service, service-account or CLI token (dp.pt., dp.st., dp.sa., dp.ct.) reads your secrets.',
      fix: 'Revoke the token in the Doppler dashboard (Access or the project config) and issue a new one.',
      severity: 'critical',
    },
    {
      keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
      regex: regex(`\\b(dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{2,35}\\.)?[A-Za-z0-9]{40,44})\\b`),
      entropy: 3,
    },
  ),
  secretRule(
    'grafana-cloud-token',
    {
      title: 'Grafana Cloud access policy token',
      description: 'A Grafana Cloud token (glc_) reads or writes metrics, logs and traces of the stack.',
      fix: 'Delete the token in Grafana Cloud (Administration > Access policies) and create a new one.',
      severity: 'high',
    },
    { keywords: ['glc_'], regex: regex(`\\b(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=])`), entropy: 3 },
  ),
  secretRule(
    'grafana-service-account-token',
    {
      title: 'Grafana service account token',
      description: 'A Grafana service account token (glsa_) calls the Grafana API with the role of the service account.',
      fix: 'Delete the token in Grafana (Administration > Service accounts) and create a new one.',
      severity: 'high',
    },
    { keywords: ['glsa_'], regex: regex(`\\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\\b`), entropy: 3 },
  ),
  secretRule(
    'sentry-org-token',
    {
      title: 'Sentry organization auth token',
      description: 'A Sentry organization token (sntrys_) uploads releases and source maps and reads project data.',
      fix: 'Revoke the token in Sentry (Settings > Developer settings > Organization tokens).',
      severity: 'high',
    },
    { keywords: ['sntrys_'], regex: regex(`\\b(sntrys_eyJ[A-Za-z0-9+/=]{40,600}_[A-Za-z0-9+/]{43})(?![A-Za-z0-9+/])`), entropy: 3.5 },
  ),
  secretRule(
    'sentry-user-token',
    {
      title: 'Sentry user auth token',
      description: 'A Sentry user token (sntryu_) acts as its user on the Sentry API.',
      fix: 'Revoke the token in Sentry (User settings > Personal tokens).',
      severity: 'high',
    },
    { keywords: ['sntryu_'], regex: regex(`\\b(sntryu_[a-f0-9]{64})\\b`), entropy: 3 },
  ),
  secretRule(
    'age-secret-key',
    {
      title: 'age secret key',
      description: 'An age secret key (AGE-SECRET-KEY-1...) decrypts every file encrypted to its recipient.',
      fix: 'Generate a new key pair with age-keygen, re-encrypt the files for the new recipient and delete the old key.',
      severity: 'critical',
    },
    { keywords: ['age-secret-key-1'], regex: regex(`\\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})${END}`) },
  ),
];
