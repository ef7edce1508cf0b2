import { z } from 'zod';

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
const tenantName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lower-case letters, digits, - or _');

/** Every config key biz knows. Objects are strict so a misspelt key is an error that names it. */
export const configSchema = z
  .object({
    tenant: tenantName.optional(),
    models: z
      .object({
        default: z.string().min(1).optional(),
        timeoutMs: z.number().int().positive().optional(),
        maxRetries: z.number().int().min(0).max(10).optional(),
        maxCostUsd: z.number().positive().optional(),
        openai: z.object({ baseUrl: url.optional() }).strict().optional(),
        ollama: z.object({ host: z.string().regex(/^(https?:\/\/)?[^\s/]+(:\d+)?\/?$/, 'must be host:port or an http(s) URL').optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    scan: z
      .object({
        failOn: severity.optional(),
        format: z.string().optional(),
      })
      .strict()
      .optional(),
    osv: z.object({ apiUrl: url.optional(), dbUrl: url.optional(), dbDir: z.string().optional() }).strict().optional(),
    gitlab: z.object({ url: url.optional() }).strict().optional(),
    x: z.object({ apiUrl: url.optional() }).strict().optional(),
    slack: z.object({ apiUrl: url.optional(), channel: z.string().optional() }).strict().optional(),
    salesforce: z
      .object({
        instanceUrl: url.optional(),
        loginUrl: url.optional(),
        apiVersion: z.string().regex(/^\d{2,3}\.0$/, 'must look like 62.0').optional(),
        bulkThreshold: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    market: z
      .object({
        minScore: z.number().int().min(0).max(100).optional(),
        maxRevisions: z.number().int().min(0).max(5).optional(),
        brandFile: z.string().optional(),
      })
      .strict()
      .optional(),
    lead: z
      .object({
        defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US').optional(),
        sequence: z.string().optional(),
        slackChannel: z.string().optional(),
      })
      .strict()
      .optional(),
    auth: z.object({ url: url.optional(), clientId: z.string().optional(), required: z.boolean().optional() }).strict().optional(),
    team: z
      .object({ pgUrl: z.string().optional(), kafkaBrokers: z.string().optional() })
      .strict()
      .optional(),
    log: z.object({ level: z.enum(['debug', 'info', 'warn', 'error']).optional() }).strict().optional(),
  })
  .strict();

export type BizConfig = z.infer<typeof configSchema>;

/** Environment variables that map onto config keys (DESIGN.md's table). Secrets are read where used, not stored. */
export const ENV_KEYS: Record<string, string> = {
  BIZ_TENANT: 'tenant',
  BIZ_MODEL: 'models.default',
  BIZ_MAX_COST: 'models.maxCostUsd',
  OPENAI_BASE_URL: 'models.openai.baseUrl',
  OLLAMA_HOST: 'models.ollama.host',
  BIZ_FAIL_ON: 'scan.failOn',
  BIZ_OSV_API_URL: 'osv.apiUrl',
  BIZ_OSV_DB_URL: 'osv.dbUrl',
  BIZ_GITLAB_URL: 'gitlab.url',
  BIZ_X_API_URL: 'x.apiUrl',
  BIZ_SLACK_API_URL: 'slack.apiUrl',
  BIZ_SLACK_CHANNEL: 'slack.channel',
  BIZ_SALESFORCE_URL: 'salesforce.instanceUrl',
  BIZ_SALESFORCE_LOGIN_URL: 'salesforce.loginUrl',
  BIZ_AUTH_URL: 'auth.url',
  BIZ_AUTH_CLIENT_ID: 'auth.clientId',
  BIZ_AUTH_REQUIRED: 'auth.required',
  BIZ_PG_URL: 'team.pgUrl',
  BIZ_KAFKA_BROKERS: 'team.kafkaBrokers',
  BIZ_LOG_LEVEL: 'log.level',
};

export const DEFAULTS = {
  tenant: 'default',
  openaiBaseUrl: 'https://api.openai.com/v1',
  ollamaHost: 'http://localhost:11434',
  osvApiUrl: 'https://api.osv.dev',
  gitlabUrl: 'https://gitlab.com',
  osvDbUrl: 'https://osv-vulnerabilities.storage.googleapis.com',
  modelTimeoutMs: 120_000,
  modelMaxRetries: 3,
  failOn: 'high',
  xApiUrl: 'https://api.x.com',
  slackApiUrl: 'https://slack.com/api/',
  salesforceLoginUrl: 'https://login.salesforce.com',
  salesforceApiVersion: '62.0',
  salesforceBulkThreshold: 2_000,
  marketMinScore: 70,
  marketMaxRevisions: 2,
  leadSequence: 'default',
} as const;

/** Every leaf key, with its zod type, for `biz config set` (parse a value) and completion. */
export function leafKeys(): Map<string, z.ZodType> {
  const out = new Map<string, z.ZodType>();
  const walk = (schema: z.ZodType, prefix: string) => {
    const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
    if (inner instanceof z.ZodObject) {
      for (const [k, v] of Object.entries(inner.shape)) walk(v as z.ZodType, prefix ? `${prefix}.${k}` : k);
    } else {
      out.set(prefix, inner);
    }
  };
  walk(configSchema, '');
  return out;
}
