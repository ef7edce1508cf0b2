import { assigned, END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

const GITHUB_REVOKE = 'Revoke it in GitHub (Settings > Developer settings, or the owning app) and create a new one with the fewest scopes.';
const GITLAB_REVOKE = 'Revoke it in GitLab (the settings page that created it) and create a new one with the fewest scopes.';

export const CODE_HOSTING_RULES: SecretRule[] = [
  secretRule(
    'github-pat',
    {
      title: 'GitHub personal access token',
      description: 'A classic GitHub personal access token (ghp_) acts as its user on every repository it can reach.',
      fix: GITHUB_REVOKE,
      severity: 'critical',
    },
    { keywords: ['ghp_'], regex: regex(`\\b(ghp_[A-Za-z0-9]{36})\\b`), entropy: 3 },
  ),
  secretRule(
    'github-fine-grained-pat',
    {
      title: 'GitHub fine-grained personal access token',
      description: 'A fine-grained GitHub personal access token (github_pat_) acts as its user on the repositories it lists.',
      fix: GITHUB_REVOKE,
      severity: 'critical',
    },
    { keywords: ['github_pat_'], regex: regex(`\\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\\b`), entropy: 3 },
  ),
  secretRule(
    'github-oauth-token',
    {
      title: 'GitHub OAuth access token',
      description: 'A GitHub OAuth app token (gho_) acts as the user who authorized the app.',
      fix: GITHUB_REVOKE,
      severity: 'high',
    },
    { keywords: ['gho_'], regex: regex(`\\b(gho_[A-Za-z0-9]{36})\\b`), entropy: 3 },
  ),
  secretRule(
    'github-app-token',
    {
      title: 'GitHub App token',
      description: 'A GitHub App user-to-server (ghu_) or installation (ghs_) token acts for the app on its installations.',
      fix: GITHUB_REVOKE,
      severity: 'high',
    },
    { keywords: ['ghu_', 'ghs_'], regex: regex(`\\b(gh[us]_[A-Za-z0-9]{36})\\b`), entropy: 3 },
  ),
  secretRule(
    'github-refresh-token',
    {
      title: 'GitHub refresh token',
      description: 'A GitHub App refresh token (ghr_) mints new user-to-server tokens.',
      fix: GITHUB_REVOKE,
      severity: 'high',
    },
    { keywords: ['ghr_'], regex: regex(`\\b(ghr_[A-Za-z0-9]{36,76})\\b`), entropy: 3 },
  ),
  secretRule(
    'gitlab-pat',
    {
      title: 'GitLab personal access token',
      description: 'A GitLab personal, project or group access token (glpat-) calls the API with its scopes.',
      fix: GITLAB_REVOKE,
      severity: 'critical',
    },
    { keywords: ['glpat-'], regex: regex(`\\b(glpat-[\\w-]{20,}(?:\\.[\\w-]+)*)`), entropy: 3 },
  ),
  secretRule(
    'gitlab-deploy-token',
    {
      title: 'GitLab deploy token',
      description: 'A GitLab deploy token (gldt-) reads or writes repositories, packages and registry images.',
      fix: GITLAB_REVOKE,
      severity: 'high',
    },
    { keywords: ['gldt-'], regex: regex(`\\b(gldt-[\\w-]{20,})`), entropy: 3 },
  ),
  secretRule(
    'gitlab-pipeline-trigger-token',
    {
      title: 'GitLab pipeline trigger token',
      description: 'A GitLab pipeline trigger token (glptt-) starts pipelines, with their secrets, on the project.',
      fix: GITLAB_REVOKE,
      severity: 'high',
    },
    { keywords: ['glptt-'], regex: regex(`\\b(glptt-[0-9a-f]{40})\\b`), entropy: 3 },
  ),
  secretRule(
    'gitlab-runner-token',
    {
      title: 'GitLab runner authentication token',
      description: 'A GitLab runner authentication token (glrt-) lets a machine pick up jobs and their secrets.',
      fix: 'Reset the runner token (CI/CD settings > Runners) or delete and re-register the runner.',
      severity: 'high',
    },
    { keywords: ['glrt-'], regex: regex(`\\b(glrt-[\\w-]{20,})`), entropy: 3 },
  ),
  secretRule(
    'gitlab-runner-registration-token',
    {
      title: 'GitLab runner registration token',
      description: 'A GitLab runner registration token (GR1348941) registers new runners that receive jobs and secrets.',
      fix: 'Reset the registration token in CI/CD settings > Runners and move to runner authentication tokens.',
      severity: 'high',
    },
    { keywords: ['gr1348941'], regex: regex(`\\b(GR1348941[\\w-]{20})${END}`), entropy: 3 },
  ),
  secretRule(
    'bitbucket-app-password',
    {
      title: 'Bitbucket app password',
      description: 'A Bitbucket Cloud app password (ATBB...) authenticates its user against the Bitbucket API and git.',
      fix: 'Revoke it under Personal settings > App passwords in Bitbucket and create a scoped API token instead.',
      severity: 'high',
    },
    { keywords: ['atbb'], regex: regex(`\\b(ATBB[A-Za-z0-9]{32})\\b`), entropy: 3 },
  ),
  secretRule(
    'atlassian-api-token',
    {
      title: 'Atlassian API token',
      description: 'An Atlassian API token (ATATT3..., or a 24-character token named for Jira/Confluence) acts as its user.',
      fix: 'Revoke it at id.atlassian.com > Security > API tokens and create a new one.',
      severity: 'high',
    },
    {
      keywords: ['atatt3', 'atlassian', 'jira', 'confluence'],
      regex: regex(`\\b(ATATT3[A-Za-z0-9_=-]{186})${END}|${assigned('atlassian|confluence|jira', '[a-zA-Z0-9]{24}')}`),
      entropy: 3.5,
    },
  ),
  secretRule(
    'circleci-token',
    {
      title: 'CircleCI API token',
      description: 'A CircleCI personal or project API token (CCIPAT_, CCIPRJ_, or 40 hex named for circleci) triggers builds and reads their secrets.',
      fix: 'Delete the token in CircleCI (User settings or Project settings > API Permissions) and create a new one.',
      severity: 'high',
    },
    {
      keywords: ['ccipat_', 'cciprj_', 'circle'],
      regex: regex(`\\b(CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\\b|${assigned('circle(?:ci)?[\\w.-]{0,20}', '[a-f0-9]{40}')}`),
      entropy: 3,
    },
  ),
  secretRule(
    'linear-api-key',
    {
      title: 'Linear API key',
      description: 'A Linear personal API key (lin_api_) reads and edits the issues of its workspace.',
      fix: 'Revoke the key in Linear under Settings > Security & access > Personal API keys.',
      severity: 'high',
    },
    { keywords: ['lin_api_'], regex: regex(`\\b(lin_api_[A-Za-z0-9]{40})\\b`), entropy: 3 },
  ),
  secretRule(
    'postman-api-token',
    {
      title: 'Postman API key',
      description: 'A Postman API key (PMAK-) reads the collections and environments of its user, often with more secrets.',
      fix: 'Revoke the key in Postman under Settings > API keys and generate a new one.',
      severity: 'high',
    },
    { keywords: ['pmak-'], regex: regex(`\\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\\b`), entropy: 3 },
  ),
];
