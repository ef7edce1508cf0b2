import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini carries no messages of its own; these are the English ones classic zod gives.
z.config(en());

// Every key is optional.
const url = z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
const text = z.optional(z.string());
const pattern = (re: RegExp, message: string) => z.optional(z.string().check(z.regex(re, message)));
const positiveInt = z.optional(z.int().check(z.positive()));
const intIn = (min: number, max: number) => z.optional(z.int().check(z.gte(min), z.lte(max)));
const section = <T extends z.core.$ZodLooseShape>(shape: T) => z.optional(z.strictObject(shape));

/** Every config key biz knows. Objects are strict so a misspelt key is an error that names it. */
export const configSchema = z.strictObject({
  tenant: pattern(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lower-case letters, digits, - or _'),
  models: section({
    default: z.optional(z.string().check(z.minLength(1))),
    timeoutMs: positiveInt,
    maxRetries: intIn(0, 10),
    maxCostUsd: z.optional(z.number().check(z.positive())),
    openai: section({ baseUrl: url }),
    ollama: section({ host: pattern(/^(https?:\/\/)?[^\s/]+(:\d+)?\/?$/, 'must be host:port or an http(s) URL') }),
  }),
  scan: section({
    failOn: z.optional(z.enum(['info', 'low', 'medium', 'high', 'critical'])),
    format: text,
  }),
  osv: section({ apiUrl: url, dbUrl: url, dbDir: text }),
  gitlab: section({ url }),
  x: section({ apiUrl: url }),
  slack: section({ apiUrl: url, channel: text }),
  salesforce: section({
    instanceUrl: url,
    loginUrl: url,
    apiVersion: pattern(/^\d{2,3}\.0$/, 'must look like 62.0'),
    bulkThreshold: positiveInt,
  }),
  market: section({
    minScore: intIn(0, 100),
    maxRevisions: intIn(0, 5),
    brandFile: text,
  }),
  lead: section({
    defaultCountry: pattern(/^[A-Z]{2}$/, 'must be a two-letter country code such as US'),
    sequence: text,
    slackChannel: text,
  }),
  auth: section({ url, clientId: text, required: z.optional(z.boolean()) }),
  team: section({ pgUrl: text, kafkaBrokers: text }),
  log: section({ level: z.optional(z.enum(['debug', 'info', 'warn', 'error'])) }),
});

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
export function leafKeys(): Map<string, z.ZodMiniType> {
  const out = new Map<string, z.ZodMiniType>();
  const walk = (schema: z.ZodMiniType, prefix: string) => {
    const inner = schema instanceof z.ZodMiniOptional ? (schema.def.innerType as z.ZodMiniType) : schema;
    if (inner instanceof z.ZodMiniObject) {
      for (const [k, v] of Object.entries(inner.def.shape)) walk(v as z.ZodMiniType, prefix ? `${prefix}.${k}` : k);
    } else {
      out.set(prefix, inner);
    }
  };
  walk(configSchema, '');
  return out;
}
