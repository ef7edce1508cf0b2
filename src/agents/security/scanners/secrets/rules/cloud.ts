import { assigned, END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

export const CLOUD_RULES: SecretRule[] = [
  secretRule(
    'aws-access-key-id',
    {
      title: 'AWS access key ID',
      description: 'An AWS access key ID (AKIA/ASIA/ABIA/ACCA) is committed; its secret key is usually close by.',
      fix: 'Deactivate and delete the access key in AWS IAM, rotate it, and load credentials from the environment or an IAM role.',
      severity: 'high',
    },
    {
      keywords: ['akia', 'asia', 'abia', 'acca'],
      regex: regex(`\\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b`),
      entropy: 3,
    },
  ),
  secretRule(
    'aws-secret-access-key',
    {
      title: 'AWS secret access key',
      description: 'An AWS secret access key is committed: with its key ID it signs any AWS API call the user may make.',
      fix: 'Deactivate and delete the access key in AWS IAM, create a new one, and keep it in a secrets manager or the environment.',
      severity: 'critical',
    },
    {
      keywords: ['secret_access_key', 'secretaccesskey', 'secret-access-key', 'aws_secret', 'awssecret'],
      regex: regex(
        assigned('aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key', `[A-Za-z0-9/+]{40}`),
      ),
      entropy: 4,
    },
  ),
  secretRule(
    'gcp-api-key',
    {
      title: 'Google Cloud API key',
      description: 'A Google API key (AIza...) is committed; depending on its restrictions it bills your project.',
      fix: 'Delete or regenerate the key in the Google Cloud console (APIs & Services > Credentials) and restrict the new one.',
      severity: 'high',
    },
    { keywords: ['aiza'], regex: regex(`\\b(AIza[\\w-]{35})${END}`), entropy: 3 },
  ),
  secretRule(
    'gcp-service-account-key',
    {
      title: 'Google Cloud service account private key',
      description: 'A service account key file (JSON with "private_key") is committed: it authenticates as that account.',
      fix: 'Delete the key in IAM > Service accounts > Keys, create a new one if needed, and prefer workload identity over key files.',
      severity: 'critical',
    },
    {
      keywords: ['"private_key"'],
      regex: regex(
        `"private_key"\\s*:\\s*"(-----BEGIN (?:RSA )?PRIVATE KEY-----\\\\n[A-Za-z0-9+/=\\\\]{64,}?-----END (?:RSA )?PRIVATE KEY-----(?:\\\\n)?)"`,
      ),
      repeatsAllowed: true,
    },
  ),
  secretRule(
    'azure-storage-account-key',
    {
      title: 'Azure storage account key',
      description: 'An Azure storage account key (AccountKey=... in a connection string) gives full access to the account.',
      fix: 'Rotate the key in the Azure portal (Storage account > Access keys) and use managed identities or a SAS with an expiry.',
      severity: 'critical',
    },
    { keywords: ['accountkey'], regex: regex(`AccountKey\\s*=\\s*([A-Za-z0-9+/]{86}==)`, 'i') },
  ),
  secretRule(
    'azure-ad-client-secret',
    {
      title: 'Microsoft Entra ID (Azure AD) client secret',
      description: 'An Entra ID application client secret is committed: it signs in as the application.',
      fix: 'Delete the secret under App registrations > Certificates & secrets, create a new one and keep it in Key Vault.',
      severity: 'high',
    },
    { keywords: ['q~'], regex: regex(`(?<![\\w~.-])([A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![\\w~.-])`), entropy: 3 },
  ),
  secretRule(
    'alibaba-access-key-id',
    {
      title: 'Alibaba Cloud AccessKey ID',
      description: 'An Alibaba Cloud AccessKey ID (LTAI...) is committed; its AccessKey secret is usually close by.',
      fix: 'Disable and delete the AccessKey pair in the RAM console, create a new pair, and keep it out of source control.',
      severity: 'high',
    },
    { keywords: ['ltai'], regex: regex(`\\b(LTAI[A-Za-z0-9]{12,20})\\b`), entropy: 3 },
  ),
  secretRule(
    'digitalocean-pat',
    {
      title: 'DigitalOcean personal access token',
      description: 'A DigitalOcean personal access token (dop_v1_) controls the droplets, databases and DNS of the team.',
      fix: 'Revoke the token under API > Tokens in the DigitalOcean control panel and generate a new one.',
      severity: 'critical',
    },
    { keywords: ['dop_v1_'], regex: regex(`\\b(dop_v1_[a-f0-9]{64})\\b`) },
  ),
  secretRule(
    'digitalocean-oauth-token',
    {
      title: 'DigitalOcean OAuth token',
      description: 'A DigitalOcean OAuth access or refresh token (doo_v1_, dor_v1_) acts for a user of the team.',
      fix: 'Revoke the token (DigitalOcean OAuth revoke endpoint or the authorized applications page) and re-authorize.',
      severity: 'high',
    },
    { keywords: ['doo_v1_', 'dor_v1_'], regex: regex(`\\b(do[or]_v1_[a-f0-9]{64})\\b`) },
  ),
  secretRule(
    'heroku-api-key',
    {
      title: 'Heroku API key',
      description: 'A Heroku API key (HRKU-... or a UUID assigned to a heroku name) deploys and configures your apps.',
      fix: 'Regenerate the API key under Account settings in the Heroku dashboard (or `heroku authorizations:revoke`).',
      severity: 'high',
    },
    {
      keywords: ['hrku-aa', 'heroku'],
      regex: regex(
        `\\b(HRKU-AA[\\w-]{58})${END}|${assigned('heroku[\\w.-]{0,20}', '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')}`,
      ),
    },
  ),
  secretRule(
    'databricks-token',
    {
      title: 'Databricks personal access token',
      description: 'A Databricks personal access token (dapi...) runs jobs and reads data in the workspace.',
      fix: 'Revoke the token under User settings > Developer > Access tokens in the Databricks workspace.',
      severity: 'high',
    },
    { keywords: ['dapi'], regex: regex(`\\b(dapi[a-f0-9]{32}(?:-\\d)?)\\b`), entropy: 3 },
  ),
];
