import { KeywordMatcher } from './keywords';
import type { Language } from './rules';

/**
 * The cheap test before the expensive parse, gitleaks-style: one pass finds which rules' keywords occur; a file is
 * parsed only when, for one of those rules, a regex shaped like the construct the rule looks for also matches.
 * Every shape is looser than its rule, so the prefilter only ever skips files the rules could not fire on.
 */
interface Trigger {
  words: string[];
  shape?: (text: string) => boolean;
}

function variants(...words: string[]): string[] {
  return words.flatMap((word) => [word, word.toUpperCase(), word[0].toUpperCase() + word.slice(1)]);
}

const matches = (pattern: RegExp) => (text: string) => pattern.test(text);

const CREDENTIAL: Trigger = {
  words: [
    ...variants('passw', 'passphrase', 'pwd', 'secret', 'token', 'api_key', 'apikey', 'access_key', 'auth_key', 'private_key'),
    ...['apiKey', 'accessKey', 'authKey', 'privateKey'],
  ],
  shape: matches(
    /(?:passw(?:or)?d|passphrase|pwd|secret|token|api_?key|access_?key|auth_?key|private_?key)\w*['"]?\s*(?::|=|:=)\s*[rbuRBU]{0,2}['"`][^'"`\n]{4}/i,
  ),
};

/** An unbounded group quantifier after a group that holds a quantifier or an alternation: (a+)+, (a|aa)*. */
const NESTED_QUANTIFIER: Trigger = { words: [')+', ')*', '){'], shape: matches(/[+*?}|][^()\n]{0,120}\)(?:[+*]|\{\d+,\d*\})/) };

const JS_INPUT = /\b(?:req|request|ctx|event)\.|process\.argv|\blocation\b|\bdocument\.|=\s*(?:req|request|ctx)\b/;

const TRIGGERS: Record<Language, Trigger[]> = {
  js: [
    {
      words: ['eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', 'runIn', 'compileFunction', 'Script'],
      shape: matches(
        /\b(?:eval|Function)\s*\(\s*(?!['"][^'"\\\n]*['"]\s*\))|\bset(?:Timeout|Interval|Immediate)\s*\(\s*(?:['"`]|[\w$.]+\s*\+)|\brunIn\w*Context\b|\bcompileFunction\b|\bScript\s*\(/,
      ),
    },
    { words: ['child_process'] },
    {
      words: ['query', 'execute', 'prepare', 'Raw', 'raw', 'unsafe'],
      shape: matches(/\.(?:query|execute|prepare)\s*\(\s*(?!['"][^'"\\\n]*['"]\s*[,)])|\b(?:\w+Raw|raw|\$\w+RawUnsafe|unsafe)\s*\(/),
    },
    { words: ['$where', 'unserialize', 'js-yaml', 'libxmljs', 'createHash', 'rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED'] },
    {
      words: ['redirect', 'fetch', 'axios', 'got', 'request', 'needle', 'superagent', 'http'],
      shape: (text) => /\.redirect\s*\(|\b(?:fetch|axios|got|request|needle|superagent|https?)\b(?:\.\w+)?\s*\(/.test(text) && JS_INPUT.test(text),
    },
    NESTED_QUANTIFIER,
    CREDENTIAL,
  ],
  py: [
    { words: ['eval', 'exec', 'compile'], shape: matches(/(?<![.\w])(?:eval|exec|compile)\s*\(/) },
    {
      words: ['system', 'popen', 'shell', 'getoutput', 'getstatusoutput'],
      shape: matches(/\b(?:system|popen\d?)\s*\(|\bshell\s*=\s*True|getoutput|getstatusoutput|create_subprocess_shell/),
    },
    {
      words: ['execute', 'mogrify', 'read_sql', 'raw', 'Raw', 'sqlalchemy'],
      shape: matches(/\.(?:execute\w*|mogrify|raw)\s*\(\s*(?![rRuUbB]?(?:'[^'\\\n]*'|"[^"\\\n]*")\s*[,)])|RawSQL|read_sql|sqlalchemy/),
    },
    {
      words: ['pickle', 'Pickle', 'dill', 'marshal', 'shelve', 'yaml'],
      shape: matches(/\b(?:c?[pP]ickle|_pickle|dill|marshal|jsonpickle)\b|\bshelve\.open|\byaml\.(?:load|unsafe_load)|\bread_pickle|\bfrom\s+yaml\s+import/),
    },
    { words: ['resolve_entities', 'feature_external_ges', 'external-general-entities', 'hashlib'] },
    {
      words: ['verify', 'check_hostname', '_create_unverified_context', 'CERT_NONE', 'debug', 'DEBUG'],
      shape: matches(/\bverify\s*=\s*False|check_hostname|_create_unverified_context|CERT_NONE|\b(?:debug|DEBUG)\s*=\s*True/),
    },
    {
      words: ['redirect', 'Redirect', 'requests', 'httpx', 'urlopen', 'urllib'],
      shape: matches(/\brequest\.(?:args|form|values|json|cookies|headers|data|files|get_json|GET|POST|COOKIES|META|FILES|body|query_params|path_params)\b|\bargv\b|\b(?:raw_)?input\s*\(/),
    },
    NESTED_QUANTIFIER,
    CREDENTIAL,
  ],
};

const MATCHERS: Record<Language, KeywordMatcher> = {
  js: new KeywordMatcher(TRIGGERS.js.map((trigger) => trigger.words)),
  py: new KeywordMatcher(TRIGGERS.py.map((trigger) => trigger.words)),
};

export function worthParsing(language: Language, text: string): boolean {
  const found = MATCHERS[language].scan(text);
  if (found === 0) return false;
  return TRIGGERS[language].some((trigger, index) => (found & (1 << index)) !== 0 && (!trigger.shape || trigger.shape(text)));
}
