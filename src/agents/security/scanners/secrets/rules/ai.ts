import { END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

const OPENAI_REVOKE = 'Delete the key at platform.openai.com (API keys) and create a new one scoped to a project.';
const ANTHROPIC_REVOKE = 'Disable and delete the key in the Anthropic Console (Settings > API keys) and create a new one.';

export const AI_RULES: SecretRule[] = [
  secretRule(
    'openai-api-key',
    {
      title: 'OpenAI API key',
      description: 'An OpenAI project, service account or admin key (sk-proj-, sk-svcacct-, sk-admin-) spends your credits.',
      fix: OPENAI_REVOKE,
      severity: 'high',
    },
    {
      keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
      regex: regex(`\\b(sk-(?:proj|svcacct|admin)-[\\w-]{40,250})${END}`),
      entropy: 3.5,
    },
  ),
  secretRule(
    'openai-legacy-api-key',
    {
      title: 'OpenAI user API key',
      description: 'A legacy OpenAI user key (sk-...T3BlbkFJ...) spends the credits of its organization.',
      fix: OPENAI_REVOKE,
      severity: 'high',
    },
    { keywords: ['t3blbkfj'], regex: regex(`\\b(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\\b`), entropy: 3 },
  ),
  secretRule(
    'anthropic-api-key',
    {
      title: 'Anthropic API key',
      description: 'An Anthropic API key (sk-ant-api03-) calls Claude on your bill.',
      fix: ANTHROPIC_REVOKE,
      severity: 'high',
    },
    { keywords: ['sk-ant-api03-'], regex: regex(`\\b(sk-ant-api03-[\\w-]{93}AA)${END}`), entropy: 3.5 },
  ),
  secretRule(
    'anthropic-admin-key',
    {
      title: 'Anthropic admin API key',
      description: 'An Anthropic admin key (sk-ant-admin01-) manages the members, workspaces and keys of the organization.',
      fix: ANTHROPIC_REVOKE,
      severity: 'critical',
    },
    { keywords: ['sk-ant-admin01-'], regex: regex(`\\b(sk-ant-admin01-[\\w-]{93}AA)${END}`), entropy: 3.5 },
  ),
  secretRule(
    'huggingface-token',
    {
      title: 'Hugging Face access token',
      description: 'A Hugging Face user or organization token (hf_, api_org_) reads private models and datasets and may push.',
      fix: 'Invalidate the token at huggingface.co/settings/tokens and create a fine-grained one.',
      severity: 'high',
    },
    { keywords: ['hf_', 'api_org_'], regex: regex(`\\b((?:hf|api_org)_[A-Za-z]{34})\\b`), entropy: 3 },
  ),
  secretRule(
    'groq-api-key',
    {
      title: 'Groq API key',
      description: 'A Groq API key (gsk_) runs inference on your account.',
      fix: 'Delete the key in the Groq console (API Keys) and create a new one.',
      severity: 'high',
    },
    { keywords: ['gsk_'], regex: regex(`\\b(gsk_[A-Za-z0-9]{52})\\b`), entropy: 3 },
  ),
];
