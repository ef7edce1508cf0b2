import type { CallExpression, NewExpression, Node, ObjectExpression } from 'oxc-parser';
import { isPasswordName } from '../credentials';
import { redosFragment } from '../redos';
import { describe } from '../source-text';
import { destinationFixed, isBuiltSql, isConstant, isInput, originOf, type ValueSummary } from '../values';
import type { JsContext } from './context';
import { booleanValue } from './literals';
import { keyName, pathOf, propertyName } from './paths';

type Call = CallExpression | NewExpression;

const CODE_EVALUATORS = new Set(['eval', 'Function']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);
const VM_EVALUATORS = new Set(['vm.runInContext', 'vm.runInNewContext', 'vm.runInThisContext', 'vm.compileFunction', 'vm.Script']);
const SHELL_COMMANDS = new Set(['child_process.exec', 'child_process.execSync']);
const PROCESS_SPAWNERS = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync']);
const SQL_METHODS = new Set(['query', 'execute', 'prepare']);
const RAW_SQL_METHODS = new Set([
  'raw',
  'whereRaw',
  'orWhereRaw',
  'havingRaw',
  'orHavingRaw',
  'orderByRaw',
  'groupByRaw',
  'joinRaw',
  'fromRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'unsafe',
]);
const YAML_LOADERS = new Set(['js-yaml.load', 'js-yaml.loadAll']);
const SAFE_YAML_SCHEMA = /(?:^|\.)(?:SAFE_SCHEMA|DEFAULT_SAFE_SCHEMA|FAILSAFE_SCHEMA|JSON_SCHEMA|CORE_SCHEMA)$/;
const XML_PARSERS = /^libxmljs2?\.(?:parseXml|parseXmlString|parseXmlAsync)$/;
const WEAK_HASH = /^(?:md4|md5|sha1|sha-1|rsa-md5|rsa-sha1)$/i;
const HTTP_CLIENT =
  /^(?:fetch|node-fetch|cross-fetch|undici\.(?:fetch|request)|axios(?:\.(?:get|post|put|patch|delete|head|options|request))?|got(?:\.(?:get|post|put|patch|delete|head|stream))?|request(?:\.(?:get|post|put|patch|del|delete|head))?|needle(?:\.(?:get|post|put|patch|delete|head|request))?|superagent\.(?:get|post|put|patch|del|delete|head)|https?\.(?:get|request))$/;
const URL_OPTIONS = new Set(['url', 'uri', 'baseURL', 'host', 'hostname', 'origin']);

/** The last name a sink's qualified name can end with, for the callee forms qualifiedName resolves cheaply. */
const SINK_NAMES = new Set([
  ...CODE_EVALUATORS,
  ...TIMERS,
  ...[...VM_EVALUATORS, ...SHELL_COMMANDS, ...PROCESS_SPAWNERS, ...YAML_LOADERS].map((name) => name.slice(name.lastIndexOf('.') + 1)),
  ...SQL_METHODS,
  ...RAW_SQL_METHODS,
  ...['unserialize', 'parseXml', 'parseXmlString', 'parseXmlAsync', 'update', 'redirect', 'RegExp'],
  ...['fetch', 'axios', 'got', 'request', 'needle', 'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'stream'],
]);

/**
 * False when the call cannot reach a sink: a plain or member callee whose last name no sink has and, for a plain
 * name, that is no module alias either. Skips building the qualified name of most calls.
 */
function mayBeSink(callee: Node, context: JsContext): boolean {
  if (callee.type === 'Identifier') return SINK_NAMES.has(callee.name) || context.aliases.has(callee.name);
  if (callee.type !== 'MemberExpression') return true;
  const property = propertyName(callee);
  return property !== undefined && SINK_NAMES.has(property);
}

/** How messages name the sink: its source text, shortened. */
function sinkOf(call: Call, context: JsContext): string {
  return describe(context.sourceOf(call.callee));
}

export function checkCall(call: Call, context: JsContext): void {
  const callee = call.callee;
  if (!mayBeSink(callee, context)) return;
  const name = context.qualifiedName(callee) ?? '';
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : name;
  const args = call.arguments;

  if (CODE_EVALUATORS.has(name)) {
    const value = args.map((argument) => context.value(argument)).find((candidate) => !isConstant(candidate));
    if (value) context.report('code-injection', call, `${sinkOf(call, context)}() evaluates ${originOf(value)} as code.`);
  } else if (TIMERS.has(name)) {
    const value = context.value(args[0]);
    if (value.provenance === 'composed' || isInput(value)) {
      context.report('code-injection', call, `${sinkOf(call, context)}() is given a string, not a function: it evaluates ${originOf(value)} as code.`);
    }
  } else if (VM_EVALUATORS.has(name)) {
    const value = context.value(args[0]);
    if (!isConstant(value)) context.report('code-injection', call, `${sinkOf(call, context)}() compiles ${originOf(value)} as code.`);
  } else if (SHELL_COMMANDS.has(name) || (PROCESS_SPAWNERS.has(name) && shellEnabled(args, context))) {
    checkCommand(call, context);
  } else if (method && (SQL_METHODS.has(method) || RAW_SQL_METHODS.has(method))) {
    const rawApi = RAW_SQL_METHODS.has(method) && name !== 'String.raw';
    checkSql(call, context, { rawApi, takesSql: rawApi || method === 'query' });
  } else if (name === 'node-serialize.unserialize') {
    const value = context.value(args[0]);
    if (!isConstant(value)) context.report('unsafe-deserialization', call, `node-serialize unserialize() runs functions embedded in ${originOf(value)}.`);
  } else if (YAML_LOADERS.has(name)) {
    checkYamlLoad(call, context);
  } else if (XML_PARSERS.test(name)) {
    if (args.some((argument) => argument.type === 'ObjectExpression' && optionIs(argument, 'noent', true))) {
      context.report('xxe', call, `${sinkOf(call, context)}() is called with noent: true, which substitutes external entities.`);
    }
  } else if (method === 'update') {
    checkPasswordHash(call, context);
  } else if (method === 'redirect' && callee.type !== 'Identifier') {
    const value = args.map((argument) => context.value(argument)).find((candidate) => isInput(candidate) && !destinationFixed(candidate.prefix));
    if (value) context.report('open-redirect', call, `${sinkOf(call, context)}() sends the user to a destination taken from ${originOf(value)}.`);
  } else if (HTTP_CLIENT.test(name)) {
    checkRequestTarget(call, context);
  } else if (name === 'RegExp') {
    checkPattern(call, context);
  }
}

function shellEnabled(args: Call['arguments'], context: JsContext): boolean {
  return args.some((argument) => argument.type === 'ObjectExpression' && argument.properties.some((property) => {
    if (property.type !== 'Property' || keyName(property.key, property.computed) !== 'shell') return false;
    const value = context.value(property.value);
    return !isConstant(value) || !['', 'false', '0'].includes(value.text);
  }));
}

function checkCommand(call: Call, context: JsContext): void {
  const [command, list] = call.arguments;
  const value = context.value(command);
  const listInput = list?.type === 'ArrayExpression' ? list.elements.map((element) => context.value(element)).find(isInput) : undefined;
  const culprit = value.provenance === 'composed' || isInput(value) ? value : listInput;
  if (culprit) context.report('command-injection', call, `${sinkOf(call, context)}() runs a shell command made from ${originOf(culprit)}.`);
}

function checkSql(call: Call, context: JsContext, kind: { rawApi: boolean; takesSql: boolean }): void {
  const value = context.value(call.arguments[0]);
  if (isBuiltSql(value, kind)) {
    context.report('sql-injection', call, `${sinkOf(call, context)}() is given SQL built from ${originOf(value)}; use placeholders instead.`);
  }
}

function checkYamlLoad(call: Call, context: JsContext): void {
  const value = context.value(call.arguments[0]);
  if (isConstant(value)) return;
  const safe = call.arguments.some(
    (argument) =>
      argument.type === 'ObjectExpression' &&
      argument.properties.some((property) => {
        if (property.type !== 'Property' || keyName(property.key, property.computed) !== 'schema') return false;
        return SAFE_YAML_SCHEMA.test(context.qualifiedName(property.value) ?? '');
      }),
  );
  if (!safe) {
    context.report(
      'unsafe-deserialization',
      call,
      `${sinkOf(call, context)}() parses ${originOf(value)} without a safe schema: js-yaml 3 builds functions from !!js tags (js-yaml 4 load is safe).`,
    );
  }
}

function optionIs(object: ObjectExpression, key: string, expected: boolean): boolean {
  return object.properties.some(
    (property) =>
      property.type === 'Property' &&
      keyName(property.key, property.computed) === key &&
      booleanValue(property.value) === expected,
  );
}

/** hash.update(password) where the hash object comes from createHash('md5' | 'sha1'). */
function checkPasswordHash(call: Call, context: JsContext): void {
  if (call.callee.type !== 'MemberExpression') return;
  const algorithm = weakAlgorithmOf(call.callee.object, context);
  const passwordName = algorithm && call.arguments[0] && namesIn(call.arguments[0]).find(isPasswordName);
  if (passwordName) {
    context.report('weak-password-hash', call, `"${passwordName}" is hashed with ${algorithm.toUpperCase()}, which is fast to brute-force.`);
  }
}

export function weakAlgorithmOf(node: Node, context: JsContext): string | undefined {
  if (node.type === 'Identifier') return context.weakHashes.get(node.name);
  if (node.type !== 'CallExpression' || !context.qualifiedName(node.callee)?.endsWith('createHash')) return undefined;
  const algorithm = context.value(node.arguments[0]);
  return isConstant(algorithm) && WEAK_HASH.test(algorithm.text) ? algorithm.text : undefined;
}

/** Identifier and property names mentioned in an expression: user.password, Buffer.from(pwd), body['passwd']. */
function namesIn(node: Node): string[] {
  const path = pathOf(node);
  if (path) return path;
  switch (node.type) {
    case 'CallExpression':
      return [...namesIn(node.callee), ...node.arguments.flatMap(namesIn)];
    case 'MemberExpression':
      return [...namesIn(node.object), ...namesIn(node.property)];
    case 'BinaryExpression':
      return [...namesIn(node.left), ...namesIn(node.right)];
    case 'TemplateLiteral':
      return node.expressions.flatMap(namesIn);
    case 'Literal':
      return typeof node.value === 'string' ? [node.value] : [];
    default:
      return [];
  }
}

function checkRequestTarget(call: Call, context: JsContext): void {
  const [target] = call.arguments;
  if (!target) return;
  const candidates: ValueSummary[] =
    target.type === 'ObjectExpression'
      ? target.properties.flatMap((property) =>
          property.type === 'Property' && URL_OPTIONS.has(keyName(property.key, property.computed) ?? '') ? [context.value(property.value)] : [],
        )
      : [context.value(target)];
  const value = candidates.find((candidate) => isInput(candidate) && !destinationFixed(candidate.prefix));
  if (value) context.report('ssrf', call, `${sinkOf(call, context)}() requests a URL whose host comes from ${originOf(value)}.`);
}

function checkPattern(call: Call, context: JsContext): void {
  const pattern = context.value(call.arguments[0]);
  if (!isConstant(pattern)) return;
  const fragment = redosFragment(pattern.text);
  if (fragment) context.report('redos', call, `The pattern's ${describe(fragment)} can backtrack exponentially on a crafted input.`);
}
