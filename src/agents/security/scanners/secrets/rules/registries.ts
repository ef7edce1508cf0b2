import { END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

export const REGISTRY_RULES: SecretRule[] = [
  secretRule(
    'npm-token',
    {
      title: 'npm access token',
      description: 'An npm access token (npm_) can publish new versions of your packages: a supply-chain attack.',
      fix: 'Revoke it with `npm token revoke` or at npmjs.com (Access Tokens) and use a granular token or trusted publishing.',
      severity: 'critical',
    },
    { keywords: ['npm_'], regex: regex(`\\b(npm_[A-Za-z0-9]{36})\\b`), entropy: 3 },
  ),
  secretRule(
    'pypi-token',
    {
      title: 'PyPI API token',
      description: 'A PyPI upload token (pypi-AgEIcHlwaS5vcmc...) publishes releases of your projects.',
      fix: 'Remove the token at pypi.org (Account settings > API tokens) and prefer trusted publishing.',
      severity: 'critical',
    },
    {
      keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
      regex: regex(`\\b(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[\\w-]{50,})`),
      entropy: 3,
    },
  ),
  secretRule(
    'rubygems-api-key',
    {
      title: 'RubyGems API key',
      description: 'A RubyGems API key (rubygems_) pushes new versions of your gems.',
      fix: 'Delete the key at rubygems.org (Settings > API keys) and create a scoped one with MFA.',
      severity: 'critical',
    },
    { keywords: ['rubygems_'], regex: regex(`\\b(rubygems_[a-f0-9]{48})\\b`), entropy: 3 },
  ),
  secretRule(
    'nuget-api-key',
    {
      title: 'NuGet API key',
      description: 'A nuget.org API key (oy2...) pushes packages under your account.',
      fix: 'Delete or regenerate the key at nuget.org (API Keys) with the narrowest glob pattern.',
      severity: 'critical',
    },
    { keywords: ['oy2'], regex: regex(`\\b(oy2[a-z0-9]{43})\\b`), entropy: 3.5 },
  ),
  secretRule(
    'dockerhub-pat',
    {
      title: 'Docker Hub access token',
      description: 'A Docker Hub personal or organization access token (dckr_pat_, dckr_oat_) pushes images under your name.',
      fix: 'Delete the token in Docker Hub (Account settings > Personal access tokens) and create a new one.',
      severity: 'high',
    },
    { keywords: ['dckr_pat_', 'dckr_oat_'], regex: regex(`\\b(dckr_(?:pat|oat)_[\\w-]{27,32})${END}`), entropy: 3 },
  ),
];
