import { regexLiteralsIn, without } from './javascript/regex-literals';
import { KeywordIndex } from '../keyword-index';
import { redosFragment } from './redos';
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

/**
 * A JavaScript shape that does not count on a line that holds no code: one starting with // or with * @ (a JSDoc
 * tag). The check runs at the end of a match, on the line where the match ends.
 */
const inCode = (pattern: RegExp) => new RegExp(String.raw`(?:${pattern.source})(?<!^[ \t]*(?:\/\/|\*[ \t]*@)[^\n]*)`, `${pattern.flags}m`);

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
const NESTED = /[+*?}|][^()\n]{0,120}\)(?:[+*]|\{\d+,\d*\})/;
const NESTED_QUANTIFIER: Trigger = { words: [')+', ')*', '){'], shape: matches(NESTED) };

/**
 * JavaScript checks regex literals and RegExp(...) calls. Each literal is judged here exactly as its rule would; a
 * RegExp pattern may be assembled from strings and names, so a nested quantifier anywhere outside the literals
 * (the literals are judged already) counts when the file mentions RegExp.
 */
const JS_NESTED_QUANTIFIER: Trigger = {
  words: NESTED_QUANTIFIER.words,
  shape: (text) => {
    const literals = regexLiteralsIn(text);
    if (literals.some((literal) => redosFragment(literal.pattern) !== undefined)) return true;
    return text.includes('RegExp') && NESTED.test(without(text, literals));
  },
};

/** The sources javascript/paths.ts inputDepth counts as user input, read directly, by index or destructured. */
const JS_INPUT = new RegExp(
  [
    String.raw`\b(?:req|request)\??\.(?:query|body|params|headers|cookies|signedCookies|originalUrl|url|files|get|header|param)\b`,
    String.raw`\bctx\??\.(?:request|query|params|headers|cookies|querystring)\b`,
    String.raw`\bevent\??\.(?:body|queryStringParameters|pathParameters|multiValueQueryStringParameters|headers)\b`,
    String.raw`\bprocess\??\.argv\b`,
    String.raw`\bdocument\??\.(?:URL|documentURI|location|referrer|baseURI)\b|\bwindow\??\.location\b`,
    // the global location, not a property (x.location), nor a word in a string or in prose
    String.raw`(?<![\w$.'"\x60-])location\b(?!['"\x60-]|\s+[A-Za-z])`,
    String.raw`\b(?:req|request|ctx|event|process|document|window)\s*\??\.?\[\s*['"\x60]`,
    String.raw`\}(?:\s*:[^=;{}]*)?\s*=\s*(?:req|request|ctx|event|process|document|window)\b`,
  ].join('|'),
);

const HTTP_CALL = inCode(/\.redirect\s*\(|\b(?:fetch|axios|got|request|needle|superagent|https?)\b(?:\.\w+)?\s*\((?![\w$,\s]*\)[ \t]*\{)/);

const TRIGGERS: Record<Language, Trigger[]> = {
  js: [
    {
      words: ['eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', 'runIn', 'compileFunction', 'Script'],
      shape: matches(
        inCode(
          /\b(?:eval|Function)\s*\(\s*(?!['"][^'"\\\n]*['"]\s*\))|\beval\s*\)\s*\(|\bset(?:Timeout|Interval|Immediate)\s*\(\s*(?:['"`]|[\w$.]+\s*\+)|\brunIn\w*Context\b|\bcompileFunction\b|\bScript\s*\(/,
        ),
      ),
    },
    { words: ['child_process'] },
    {
      // the SQL methods of javascript/calls.ts, called with anything but a plain string or a function
      words: ['query', 'execute', 'prepare', 'Raw', 'raw', 'unsafe'],
      shape: matches(
        inCode(
          /\.(?:query|execute|prepare)\s*\(\s*(?!['"][^'"\\\n]*['"]\s*[,)]|function\b|(?:[\w$]+|\([\w$,\s]*\))\s*=>)|\b(?:whereRaw|orWhereRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|raw|unsafe)\s*\(|RawUnsafe\s*\(/,
        ),
      ),
    },
    { words: ['$where', 'unserialize', 'js-yaml', 'libxmljs', 'NODE_TLS_REJECT_UNAUTHORIZED'] },
    {
      words: ['createHash'],
      shape: (text) => /['"`](?:md4|md5|sha-?1|rsa-md5|rsa-sha1)['"`]/i.test(text) && /\.update\s*\(/.test(text),
    },
    { words: ['rejectUnauthorized'], shape: matches(/rejectUnauthorized['"`]?\]?\s*[:=]\s*\(*\s*(?:false|!\s*1)\b/) },
    {
      // a call: not a method of that name being defined, as in `fetch(params, options) {`
      words: ['redirect', 'fetch', 'axios', 'got', 'request', 'needle', 'superagent', 'http'],
      shape: (text) => HTTP_CALL.test(text) && JS_INPUT.test(text),
    },
    JS_NESTED_QUANTIFIER,
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

/** Every trigger word of a language in one index, and which trigger each word belongs to. */
function wordIndex(triggers: Trigger[]): { index: KeywordIndex; triggerOf: number[] } {
  if (triggers.length > 31) throw new Error('at most 31 triggers fit a bit mask');
  return {
    index: new KeywordIndex(triggers.flatMap((trigger) => trigger.words), { caseSensitive: true }),
    triggerOf: triggers.flatMap((trigger, index) => trigger.words.map(() => index)),
  };
}

const WORDS: Record<Language, { index: KeywordIndex; triggerOf: number[] }> = { js: wordIndex(TRIGGERS.js), py: wordIndex(TRIGGERS.py) };

/** The triggers whose words occur in the file's bytes, as a bit mask: with none, no rule can fire. */
export function triggeredBy(language: Language, bytes: Uint8Array): number {
  const { index, triggerOf } = WORDS[language];
  let triggers = 0;
  index.find(bytes).forEach((offsets, word) => {
    if (offsets) triggers |= 1 << triggerOf[word];
  });
  return triggers;
}

/** Whether, for one of the triggers found, the text also has the shape of the construct its rule looks for. */
export function worthParsing(language: Language, triggers: number, text: string): boolean {
  return TRIGGERS[language].some((trigger, index) => (triggers & (1 << index)) !== 0 && (!trigger.shape || trigger.shape(text)));
}
