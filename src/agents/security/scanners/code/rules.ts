import type { RuleMeta, Severity } from '../../findings';

export type Language = 'js' | 'py';

interface LanguageText {
  description: string;
  fix: string;
}

export type RuleName =
  | 'code-injection'
  | 'command-injection'
  | 'sql-injection'
  | 'nosql-where'
  | 'unsafe-deserialization'
  | 'xxe'
  | 'weak-password-hash'
  | 'tls-verification-disabled'
  | 'open-redirect'
  | 'ssrf'
  | 'redos'
  | 'hardcoded-credential'
  | 'debug-enabled';

/** One weakness, described once, with the wording that differs between the languages it applies to. */
interface RuleFamily {
  name: RuleName;
  title: string;
  severity: Severity;
  cwe: string[];
  owasp: string[];
  js?: LanguageText;
  py?: LanguageText;
}

const FAMILIES: RuleFamily[] = [
  {
    name: 'code-injection',
    title: 'Dynamic code evaluation of a non-literal value',
    severity: 'high',
    cwe: ['CWE-95'],
    owasp: ['A03:2021'],
    js: {
      description:
        'eval, new Function, setTimeout/setInterval with a string and the vm module compile their argument as code. ' +
        'When that argument is not a literal, whoever controls it can run arbitrary code with the privileges of the process.',
      fix: 'Do not evaluate strings: parse data with JSON.parse, look handlers up in a map, and pass functions (not strings) to setTimeout.',
    },
    py: {
      description:
        'eval, exec and compile run their argument as Python code. When it is not a literal, whoever controls it can run ' +
        'arbitrary code with the privileges of the process.',
      fix: 'Do not evaluate strings: use ast.literal_eval for literals, json.loads for data, or a dispatch table of functions.',
    },
  },
  {
    name: 'command-injection',
    title: 'Shell command built from variable data',
    severity: 'critical',
    cwe: ['CWE-78'],
    owasp: ['A03:2021'],
    js: {
      description:
        'child_process.exec/execSync (and spawn/execFile with shell: true) hand the command line to a shell. A command ' +
        'assembled from variable parts lets shell metacharacters in those parts run further commands.',
      fix: 'Use execFile/spawn without a shell and pass arguments as an array; never build a command line from data.',
    },
    py: {
      description:
        'os.system, os.popen and subprocess with shell=True hand the command line to a shell. A command that is not a ' +
        'literal lets shell metacharacters in its variable parts run further commands.',
      fix: 'Call subprocess.run with a list of arguments and shell=False; if a shell is unavoidable, quote each part with shlex.quote.',
    },
  },
  {
    name: 'sql-injection',
    title: 'SQL query built by string composition',
    severity: 'high',
    cwe: ['CWE-89'],
    owasp: ['A03:2021'],
    js: {
      description:
        'A query string assembled with + or a template literal and passed to query/execute/raw lets the variable parts ' +
        'change the structure of the SQL statement.',
      fix: 'Use placeholders (db.query("... WHERE id = $1", [id]), knex.raw("?", [x]), sequelize replacements) or a tagged sql`` template.',
    },
    py: {
      description:
        'A query string assembled with %, +, str.format or an f-string and passed to execute/raw lets the variable parts ' +
        'change the structure of the SQL statement.',
      fix: 'Pass the values separately: cursor.execute("... WHERE id = %s", (id,)); Model.objects.raw(sql, params).',
    },
  },
  {
    name: 'nosql-where',
    title: 'MongoDB $where with a non-literal value',
    severity: 'high',
    cwe: ['CWE-943'],
    owasp: ['A03:2021'],
    js: {
      description:
        'MongoDB evaluates the $where operator as JavaScript on the server. A value that is not a literal lets its ' +
        'author run code inside the database.',
      fix: 'Replace $where with ordinary query operators ($eq, $gt, $expr, ...); never build its value from data.',
    },
  },
  {
    name: 'unsafe-deserialization',
    title: 'Deserialization that can run code',
    severity: 'high',
    cwe: ['CWE-502'],
    owasp: ['A08:2021'],
    js: {
      description:
        'node-serialize unserialize executes functions embedded in its input, and js-yaml 3 load() without a safe ' +
        'schema builds JavaScript functions from !!js tags: untrusted input becomes code.',
      fix: 'Use JSON.parse for data; with js-yaml use safeLoad (v3) or upgrade to js-yaml 4, whose load is safe.',
    },
    py: {
      description:
        'pickle, cPickle, dill, marshal, shelve, jsonpickle and yaml.load with a full loader rebuild arbitrary objects ' +
        'and can call any function while doing so: untrusted input becomes code.',
      fix: 'Use json for data; with PyYAML use yaml.safe_load or Loader=yaml.SafeLoader; never unpickle data you did not write.',
    },
  },
  {
    name: 'xxe',
    title: 'XML parser resolves external entities',
    severity: 'high',
    cwe: ['CWE-611'],
    owasp: ['A05:2021'],
    js: {
      description:
        'libxmljs parseXml with noent: true substitutes external entities, so a document can read local files or make ' +
        'the server fetch URLs (XXE).',
      fix: 'Drop the noent option (entities then stay unresolved) or parse untrusted XML with a parser that has no DTD support.',
    },
    py: {
      description:
        'lxml XMLParser(resolve_entities=True) and xml.sax with feature_external_ges enabled substitute external ' +
        'entities, so a document can read local files or make the server fetch URLs (XXE).',
      fix: 'Use defusedxml, or lxml XMLParser(resolve_entities=False, no_network=True); leave feature_external_ges off.',
    },
  },
  {
    name: 'weak-password-hash',
    title: 'Password hashed with a fast, broken hash',
    severity: 'high',
    cwe: ['CWE-916', 'CWE-328'],
    owasp: ['A02:2021'],
    js: {
      description:
        'MD5 and SHA-1 are fast and unsalted: a leaked table of such password hashes is cracked by brute force in hours.',
      fix: 'Hash passwords with a slow, salted function: crypto.scrypt, argon2 or bcrypt.',
    },
    py: {
      description:
        'MD5 and SHA-1 are fast and unsalted: a leaked table of such password hashes is cracked by brute force in hours.',
      fix: 'Hash passwords with a slow, salted function: hashlib.scrypt, argon2-cffi, bcrypt, or Django/werkzeug password hashers.',
    },
  },
  {
    name: 'tls-verification-disabled',
    title: 'TLS certificate verification turned off',
    severity: 'high',
    cwe: ['CWE-295'],
    owasp: ['A07:2021'],
    js: {
      description:
        'rejectUnauthorized: false and NODE_TLS_REJECT_UNAUTHORIZED=0 accept any certificate, so anyone on the network ' +
        'path can read and change the traffic.',
      fix: 'Keep verification on; to trust a private CA pass it with the ca option or NODE_EXTRA_CA_CERTS.',
    },
    py: {
      description:
        'verify=False, ssl._create_unverified_context and check_hostname = False accept any certificate or host name, ' +
        'so anyone on the network path can read and change the traffic.',
      fix: 'Keep verification on; to trust a private CA pass verify="/path/to/ca.pem" or load it into the SSL context.',
    },
  },
  {
    name: 'open-redirect',
    title: 'Redirect to a URL taken from the request',
    severity: 'medium',
    cwe: ['CWE-601'],
    owasp: ['A01:2021'],
    js: {
      description:
        'Redirecting to a destination read from the request lets a link on your domain send users to any site, a ' +
        'staple of phishing.',
      fix: 'Redirect only to relative paths you build, or check the destination against an allow-list of hosts.',
    },
    py: {
      description:
        'Redirecting to a destination read from the request lets a link on your domain send users to any site, a ' +
        'staple of phishing.',
      fix: 'Check the destination with url_has_allowed_host_and_scheme (Django) or against an allow-list before redirecting.',
    },
  },
  {
    name: 'ssrf',
    title: 'Server-side request to a URL taken from the request',
    severity: 'high',
    cwe: ['CWE-918'],
    owasp: ['A10:2021'],
    js: {
      description:
        'Fetching a URL whose host comes from the request lets a caller make the server reach internal services, cloud ' +
        'metadata endpoints or other hosts it should not (SSRF).',
      fix: 'Fix the scheme and host in code and put request data only in the path or query, or check it against an allow-list.',
    },
    py: {
      description:
        'Fetching a URL whose host comes from the request lets a caller make the server reach internal services, cloud ' +
        'metadata endpoints or other hosts it should not (SSRF).',
      fix: 'Fix the scheme and host in code and put request data only in the path or query, or check it against an allow-list.',
    },
  },
  {
    name: 'redos',
    title: 'Regular expression with catastrophic backtracking',
    severity: 'medium',
    cwe: ['CWE-1333'],
    owasp: ['A06:2021'],
    js: {
      description:
        'A quantified group that can match the same text in several ways, like (a+)+ or (a|aa)*, makes the backtracking ' +
        'engine take exponential time on a crafted non-matching input, blocking the event loop (ReDoS).',
      fix: 'Remove the nested or overlapping repetition (e.g. (a+)+ becomes a+), bound the input length, or use a linear-time engine such as re2.',
    },
    py: {
      description:
        'A quantified group that can match the same text in several ways, like (a+)+ or (a|aa)*, makes the backtracking ' +
        'engine take exponential time on a crafted non-matching input (ReDoS).',
      fix: 'Remove the nested or overlapping repetition (e.g. (a+)+ becomes a+), bound the input length, or use the re2 module.',
    },
  },
  {
    name: 'hardcoded-credential',
    title: 'Hard-coded credential',
    severity: 'high',
    cwe: ['CWE-798'],
    owasp: ['A07:2021'],
    js: {
      description:
        'A password, secret or token written into the source is readable by everyone with the code and cannot be ' +
        'rotated without a release.',
      fix: 'Read it from the environment or a secret manager at run time, and rotate the exposed value.',
    },
    py: {
      description:
        'A password, secret or token written into the source is readable by everyone with the code and cannot be ' +
        'rotated without a release.',
      fix: 'Read it from the environment (os.environ) or a secret manager at run time, and rotate the exposed value.',
    },
  },
  {
    name: 'debug-enabled',
    title: 'Debug mode switched on',
    severity: 'medium',
    cwe: ['CWE-489'],
    owasp: ['A05:2021'],
    py: {
      description:
        'Flask debug mode serves an interactive debugger that runs any Python code sent to it, and Django DEBUG = True ' +
        'shows settings, source and SQL on every error page.',
      fix: 'Read the flag from the environment and keep it off in production (app.run() without debug=True, DEBUG = False).',
    },
  },
];

export const CODE_RULES: RuleMeta[] = FAMILIES.flatMap((family) =>
  (['js', 'py'] as const).flatMap((language) => {
    const text = family[language];
    if (!text) return [];
    return [
      {
        id: `${language}/${family.name}`,
        scanner: 'code' as const,
        title: family.title,
        description: text.description,
        fix: text.fix,
        severity: family.severity,
        cwe: family.cwe,
        owasp: family.owasp,
      },
    ];
  }),
);

const RULES_BY_ID = new Map(CODE_RULES.map((rule) => [rule.id, rule]));

export function codeRule(language: Language, name: RuleName): RuleMeta {
  const rule = RULES_BY_ID.get(`${language}/${name}`);
  if (!rule) throw new Error(`no code rule ${language}/${name}`);
  return rule;
}
