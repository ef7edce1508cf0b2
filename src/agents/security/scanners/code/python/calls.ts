import type { SyntaxNode } from '@lezer/common';
import { isPasswordName } from '../credentials';
import { redosFragment } from '../redos';
import { describe } from '../source-text';
import { destinationFixed, isBuiltSql, isConstant, isInput, originOf } from '../values';
import type { PyContext } from './context';
import { argumentsOf, childrenOf, isTrue, pathOf, type Arguments } from './syntax';
import { checkCredential } from './assignments';

const CODE_EVALUATORS = new Set(['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'builtins.compile']);
const SHELL_COMMANDS = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
]);
const SUBPROCESS = /^subprocess\.(?:call|run|Popen|check_call|check_output)$/;
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'mogrify', 'read_sql', 'read_sql_query']);
const RAW_SQL = /(?:^|\.)(?:raw|RawSQL)$|^sqlalchemy(?:\.sql)?(?:\.expression)?\.text$/;
const DESERIALIZERS = /^(?:c?[pP]ickle|_pickle|dill|marshal)\.loads?$|^jsonpickle\.decode$|^pandas\.read_pickle$|^yaml\.unsafe_load(?:_all)?$/;
const YAML_LOADERS = new Set(['yaml.load', 'yaml.load_all']);
const SAFE_YAML_LOADER = /(?:^|\.)C?(?:Safe|Base)Loader$/;
const WEAK_HASH_CONSTRUCTOR = /^hashlib\.(md4|md5|sha1)$/;
const WEAK_HASH_NAME = /^(?:md4|md5|sha1|sha-1)$/i;
const HTTP_VERBS = 'get|post|put|patch|delete|head|options';
const HTTP_CLIENT = new RegExp(`^(?:requests|httpx)\\.(?:${HTTP_VERBS}|request|stream)$|^(?:urllib\\.request|urllib2|urllib)\\.(?:urlopen|Request)$`);
const VERIFYING_CALL = new RegExp(`^(?:requests|httpx)\\.|\\.(?:${HTTP_VERBS}|request|send|Client|AsyncClient|Session)$`);
const REDIRECTS = /(?:^|\.)(?:redirect|HttpResponseRedirect|HttpResponsePermanentRedirect)$/;
const REGEX_FUNCTIONS = /^(?:re|regex)\.(?:compile|match|search|fullmatch|findall|finditer|sub|subn|split)$/;

export function checkCall(call: SyntaxNode, context: PyContext): void {
  const callee = call.firstChild;
  const name = callee && context.qualifiedName(callee);
  if (!callee || !name) return;
  const args = argumentsOf(call, context.text);
  const first = () => context.value(args.positional[0]);
  const sink = describe(context.textOf(callee));
  const method = name.slice(name.lastIndexOf('.') + 1);

  for (const [keyword, value] of args.keywords) checkCredential(keyword, value, value, context);
  if (args.keywords.has('verify') && context.textOf(args.keywords.get('verify')!) === 'False' && VERIFYING_CALL.test(name)) {
    context.report('tls-verification-disabled', call, `${sink}() is called with verify=False, which accepts any TLS certificate.`);
  }

  if (CODE_EVALUATORS.has(name)) {
    const value = first();
    if (args.positional.length > 0 && !isConstant(value)) context.report('code-injection', call, `${sink}() runs ${originOf(value)} as Python code.`);
  } else if (SHELL_COMMANDS.has(name) || (SUBPROCESS.test(name) && isTrue(args.keywords.get('shell'), context.text))) {
    const value = context.value(args.positional[0] ?? args.keywords.get('args') ?? args.keywords.get('cmd'));
    if (!isConstant(value)) context.report('command-injection', call, `${sink}() runs a shell command made from ${originOf(value)}.`);
  } else if (SQL_METHODS.has(method) || RAW_SQL.test(name)) {
    const value = context.value(args.positional[0] ?? args.keywords.get('sql'));
    if (isBuiltSql(value, { rawApi: RAW_SQL.test(name), takesSql: true })) context.report('sql-injection', call, `${sink}() is given SQL built from ${originOf(value)}; pass parameters separately.`);
  } else if (DESERIALIZERS.test(name) || name === 'shelve.open') {
    context.report('unsafe-deserialization', call, `${sink}() can run arbitrary code while it rebuilds objects from its input.`);
  } else if (YAML_LOADERS.has(name)) {
    const loader = args.keywords.get('Loader') ?? args.positional[1];
    if (!loader || !SAFE_YAML_LOADER.test(context.qualifiedName(loader) ?? '')) {
      context.report('unsafe-deserialization', call, `${sink}() without Loader=yaml.SafeLoader can construct arbitrary Python objects.`);
    }
  } else if (method === 'XMLParser' && isTrue(args.keywords.get('resolve_entities'), context.text)) {
    context.report('xxe', call, `${sink}(resolve_entities=True) substitutes external entities.`);
  } else if (method === 'setFeature' && enablesExternalEntities(args, context)) {
    context.report('xxe', call, `${sink}() turns on external general entities for the SAX parser.`);
  } else if (WEAK_HASH_CONSTRUCTOR.test(name) || name === 'hashlib.new' || method === 'update') {
    checkPasswordHash(call, name, args, context);
  } else if (REDIRECTS.test(name)) {
    const value = args.positional.map((argument) => context.value(argument)).find((candidate) => isInput(candidate) && !destinationFixed(candidate.prefix));
    if (value) context.report('open-redirect', call, `${sink}() sends the user to a destination taken from ${originOf(value)}.`);
  } else if (HTTP_CLIENT.test(name)) {
    const target = (method === 'request' ? args.positional[1] : args.positional[0]) ?? args.keywords.get('url');
    const value = context.value(target);
    if (isInput(value) && !destinationFixed(value.prefix)) context.report('ssrf', call, `${sink}() requests a URL whose host comes from ${originOf(value)}.`);
  } else if (REGEX_FUNCTIONS.test(name)) {
    const pattern = context.value(args.positional[0] ?? args.keywords.get('pattern'));
    const fragment = isConstant(pattern) ? redosFragment(pattern.text) : undefined;
    if (fragment) context.report('redos', call, `The pattern's ${describe(fragment)} can backtrack exponentially on a crafted input.`);
  } else if (method === 'run' && isTrue(args.keywords.get('debug'), context.text)) {
    context.report('debug-enabled', call, `${sink}(debug=True) serves the interactive debugger, which runs any code sent to it.`);
  }
}

function enablesExternalEntities(args: Arguments, context: PyContext): boolean {
  const [feature, enabled] = args.positional;
  if (!feature || !isTrue(enabled, context.text)) return false;
  const path = pathOf(feature, context.text);
  const value = context.value(feature);
  return path?.[path.length - 1] === 'feature_external_ges' || value.text === 'http://xml.org/sax/features/external-general-entities';
}

/** hashlib.md5(password), hashlib.new('sha1', pwd), h.update(user.password) where h is a weak hash. */
function checkPasswordHash(call: SyntaxNode, name: string, args: Arguments, context: PyContext): void {
  const [first, second] = args.positional;
  let algorithm: string | undefined;
  let data: SyntaxNode | undefined;
  if (name === 'hashlib.new') {
    const requested = context.value(first);
    algorithm = isConstant(requested) && WEAK_HASH_NAME.test(requested.text) ? requested.text : undefined;
    data = second;
  } else if (WEAK_HASH_CONSTRUCTOR.test(name)) {
    algorithm = WEAK_HASH_CONSTRUCTOR.exec(name)![1];
    data = first;
  } else {
    algorithm = context.weakHashes.get(name.slice(0, name.lastIndexOf('.')));
    data = first;
  }
  const passwordName = algorithm && data && namesIn(data, context).find(isPasswordName);
  if (passwordName) {
    context.report('weak-password-hash', call, `"${passwordName}" is hashed with ${algorithm!.toUpperCase()}, which is fast to brute-force.`);
  }
}

/** The weak algorithm a hashlib constructor call makes, for `h = hashlib.md5()`. */
export function weakHashOf(node: SyntaxNode, context: PyContext): string | undefined {
  if (node.name !== 'CallExpression' || !node.firstChild) return undefined;
  const name = context.qualifiedName(node.firstChild) ?? '';
  const constructed = WEAK_HASH_CONSTRUCTOR.exec(name)?.[1];
  if (constructed || name !== 'hashlib.new') return constructed;
  const requested = context.value(argumentsOf(node, context.text).positional[0]);
  return isConstant(requested) && WEAK_HASH_NAME.test(requested.text) ? requested.text : undefined;
}

/** Variable, attribute and string-key names mentioned in an expression: password.encode(), user.pwd, form['passwd']. */
function namesIn(node: SyntaxNode, context: PyContext): string[] {
  const names: string[] = [];
  const visit = (current: SyntaxNode) => {
    if (current.name === 'VariableName' || current.name === 'PropertyName') names.push(context.textOf(current));
    else if (current.name === 'String') names.push(context.value(current).text);
    for (const child of childrenOf(current)) visit(child);
  };
  visit(node);
  return names;
}
