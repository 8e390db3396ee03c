// Expands a compiled ARM template (as the Bicep CLI emits it) into the concrete list of resources a
// deployment would create: it evaluates parameters, variables, conditions, copy loops and nested
// deployments (modules), including module outputs consumed by other modules. Anything only Azure
// knows at deployment time (reference() to a resource, list*(), runtime properties) stays an
// UnknownValue and is rendered as "⟨…⟩" text, so ids built from known parts remain comparable.
import { createHash } from 'node:crypto';
import { isExpression, parseArmExpression, unescapeLiteral, type ArmExpression } from './arm-expression';

export class UnknownValue {
  constructor(readonly text: string) {}
  toString(): string {
    return `⟨${this.text}⟩`;
  }
}

export interface ExpandOptions {
  /** Values of the template's parameters (missing ones use their defaults, or stay unknown). */
  parameters?: Record<string, unknown>;
  subscriptionId?: string;
  /** Resource group of a resource-group-scoped template. */
  resourceGroupName?: string;
  location?: string;
  tenantId?: string;
  deploymentName?: string;
  /**
   * Also expand resources and modules whose condition evaluates to false (default false). Conditions
   * that cannot be evaluated (unknown parameters) always count as true.
   */
  includeConditionalResources?: boolean;
}

export interface ExpandedResource {
  /** Symbolic name, with [i] for a copy-loop instance. */
  symbol: string;
  /** Names of the nested deployments (modules) that lead to the resource; empty at the top level. */
  deploymentPath: string[];
  type: string;
  apiVersion: string;
  name: string;
  /** Resource id as ARM would compute it, with ⟨…⟩ where a part is only known at deployment time. */
  id: string;
  /** Resource id of the resource an extension resource (e.g. a diagnostic setting) is attached to. */
  scope?: string;
  existing: boolean;
  /** The resource's condition was false; it is included because includeConditionalResources is on. */
  conditional: boolean;
  location?: unknown;
  kind?: unknown;
  sku?: unknown;
  identity?: unknown;
  properties: Record<string, unknown>;
}

export interface ExpandedTemplate {
  resources: ExpandedResource[];
  outputs: Record<string, unknown>;
  /** Things the expander could not evaluate (unknown functions, unresolvable loops). */
  notes: string[];
}

type Json = unknown;
interface ArmTemplateJson {
  languageVersion?: string;
  parameters?: Record<string, { defaultValue?: Json; nullable?: boolean; $ref?: string }>;
  variables?: Record<string, Json>;
  functions?: { namespace: string; members: Record<string, { parameters?: { name: string }[]; output: { value: Json } }> }[];
  definitions?: Record<string, { nullable?: boolean }>;
  resources?: Record<string, ArmResourceJson> | ArmResourceJson[];
  outputs?: Record<string, { value?: Json; copy?: { count: Json; input: Json } }>;
}
interface ArmResourceJson {
  type: string;
  apiVersion?: string;
  name: Json;
  condition?: Json;
  copy?: { name: string; count: Json };
  scope?: Json;
  existing?: boolean;
  resourceGroup?: Json;
  subscriptionId?: Json;
  location?: Json;
  kind?: Json;
  sku?: Json;
  identity?: Json;
  properties?: Record<string, Json>;
}

interface DeploymentContext {
  subscriptionId: string;
  resourceGroup?: string;
  tenantId: string;
  location: string;
  deploymentName: string;
}

interface Env {
  scope: TemplateScope;
  copy: Map<string, number>;
  fnParams?: Record<string, unknown>;
  lambda?: Map<string, unknown>;
}

interface Instance {
  id: string;
  child?: TemplateScope;
}

const parseCache = new Map<string, ArmExpression>();
function parseCached(src: string): ArmExpression {
  let expr = parseCache.get(src);
  if (!expr) {
    expr = parseArmExpression(src);
    parseCache.set(src, expr);
  }
  return expr;
}

const isUnknown = (v: unknown): v is UnknownValue => v instanceof UnknownValue;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

function str(v: unknown): string {
  if (isUnknown(v)) return v.toString();
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(materialize(v));
  return String(v);
}

/** Replaces every UnknownValue by its "⟨…⟩" text. */
export function materialize(v: unknown): unknown {
  if (isUnknown(v)) return v.toString();
  if (Array.isArray(v)) return v.map(materialize);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x)]));
  return v;
}

function hash(parts: unknown[]): string {
  return createHash('sha256').update(parts.map(str).join('\u0000')).digest('hex');
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(materialize(a)) === JSON.stringify(materialize(b));
}

function typePath(type: string, names: string[]): string {
  const [provider, ...types] = type.split('/');
  return [provider, ...types.flatMap((t, i) => [t, names[i] ?? '⟨?⟩'])].join('/');
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k], v) : v;
    return out;
  }
  return b;
}

function cidrSubnet(cidr: string, newPrefix: number, index: number): string {
  const [ip, prefix] = cidr.split('/');
  const octets = ip!.split('.').map(Number);
  const base = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const size = 2 ** (32 - newPrefix);
  const mask = Number(prefix) === 0 ? 0 : (~0 << (32 - Number(prefix))) >>> 0;
  const start = ((base & mask) >>> 0) + index * size;
  return `${[24, 16, 8, 0].map((s) => (start >>> s) & 255).join('.')}/${newPrefix}`;
}

class TemplateScope {
  private readonly variableCache = new Map<string, unknown>();
  private readonly paramCache = new Map<string, unknown>();
  private readonly states = new Map<string, { done: boolean; instances: (Instance | undefined)[] }>();
  private readonly resourceJson = new Map<string, ArmResourceJson>();
  private outputsCache: Record<string, unknown> | undefined;

  constructor(
    readonly template: ArmTemplateJson,
    private readonly suppliedParams: Record<string, unknown>,
    readonly deployment: DeploymentContext,
    readonly path: string[],
    readonly sink: ExpandedResource[],
    readonly notes: string[],
    readonly includeConditional: boolean,
  ) {
    const resources = template.resources ?? {};
    if (Array.isArray(resources)) resources.forEach((r, i) => this.resourceJson.set(`resources[${i}]`, r));
    else for (const [symbol, r] of Object.entries(resources)) this.resourceJson.set(symbol, r);
  }

  private env(copy = new Map<string, number>()): Env {
    return { scope: this, copy };
  }

  param(name: string): unknown {
    if (this.paramCache.has(name)) return this.paramCache.get(name);
    let value: unknown;
    const declared = this.template.parameters?.[name];
    if (name in this.suppliedParams) value = this.suppliedParams[name];
    else if (declared?.defaultValue !== undefined) value = this.evaluate(declared.defaultValue, this.env());
    else if (declared?.nullable || (declared?.$ref && this.template.definitions?.[declared.$ref.split('/').pop()!]?.nullable)) value = null;
    else value = new UnknownValue(`parameters('${name}')`);
    this.paramCache.set(name, value);
    return value;
  }

  variable(name: string): unknown {
    if (this.variableCache.has(name)) return this.variableCache.get(name);
    const vars = this.template.variables ?? {};
    let value: unknown;
    if (name in vars && name !== 'copy') {
      value = this.evaluate(vars[name], this.env());
    } else {
      const loop = (Array.isArray(vars.copy) ? (vars.copy as { name: string; count: Json; input: Json }[]) : []).find((c) => c.name === name);
      if (loop) {
        const count = this.evaluate(loop.count, this.env());
        value = typeof count === 'number' ? Array.from({ length: count }, (_, i) => this.evaluate(loop.input, this.env(new Map([[name, i]])))) : new UnknownValue(`variables('${name}')`);
      } else {
        value = new UnknownValue(`variables('${name}')`);
      }
    }
    this.variableCache.set(name, value);
    return value;
  }

  evaluate(value: Json, env: Env): unknown {
    if (typeof value === 'string') return isExpression(value) ? evalExpr(parseCached(value.slice(1, -1)), env) : unescapeLiteral(value);
    if (Array.isArray(value)) return value.map((v) => this.evaluate(v, env));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'copy' && Array.isArray(v) && v.every((c) => isObject(c) && 'name' in c && 'input' in c)) {
          for (const loop of v as { name: string; count: Json; input: Json }[]) {
            const count = this.evaluate(loop.count, env);
            const n = typeof count === 'number' ? count : 1;
            if (typeof count !== 'number') this.notes.push(`${this.where()}: property loop ${loop.name} has an unknown count`);
            out[loop.name] = Array.from({ length: n }, (_, i) => this.evaluate(loop.input, { ...env, copy: new Map([...env.copy, [loop.name, i]]) }));
          }
        } else {
          // ARM evaluates expression keys too (e.g. userAssignedIdentities keyed by the identity's resource id).
          out[isExpression(k) ? str(this.evaluate(k, env)) : k] = this.evaluate(v, env);
        }
      }
      return out;
    }
    return value;
  }

  where(): string {
    return this.path.length === 0 ? '(root)' : this.path.join(' → ');
  }

  baseId(): string {
    const { subscriptionId, resourceGroup } = this.deployment;
    return resourceGroup === undefined ? `/subscriptions/${subscriptionId}` : `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
  }

  /** Expands (once) every instance of a symbol and returns them, index = copy index. */
  symbol(symbol: string): (Instance | undefined)[] | undefined {
    const json = this.resourceJson.get(symbol);
    if (!json) return undefined;
    const state = this.states.get(symbol);
    if (state) {
      if (!state.done) throw new Error(`Circular reference to ${symbol} in ${this.where()}`);
      return state.instances;
    }
    const fresh = { done: false, instances: [] as (Instance | undefined)[] };
    this.states.set(symbol, fresh);
    let count = 1;
    if (json.copy) {
      const c = this.evaluate(json.copy.count, this.env());
      if (typeof c === 'number') count = c;
      else this.notes.push(`${this.where()}: ${symbol} has a copy count that cannot be evaluated; checked once`);
    }
    for (let i = 0; i < count; i++) {
      const copy = new Map<string, number>();
      if (json.copy) {
        copy.set('', i);
        copy.set(json.copy.name, i);
      }
      fresh.instances.push(this.expandInstance(json, this.env(copy), json.copy ? `${symbol}[${i}]` : symbol));
    }
    fresh.done = true;
    return fresh.instances;
  }

  private expandInstance(json: ArmResourceJson, env: Env, label: string): Instance | undefined {
    let conditional = false;
    if (json.condition !== undefined) {
      const cond = this.evaluate(json.condition, env);
      if (cond === false) {
        if (!this.includeConditional) return undefined;
        conditional = true;
      }
    }
    const name = str(this.evaluate(json.name, env));
    const subscriptionId = json.subscriptionId !== undefined ? str(this.evaluate(json.subscriptionId, env)) : this.deployment.subscriptionId;
    const resourceGroup =
      json.resourceGroup !== undefined ? str(this.evaluate(json.resourceGroup, env)) : json.subscriptionId !== undefined ? undefined : this.deployment.resourceGroup;
    const base = resourceGroup === undefined ? `/subscriptions/${subscriptionId}` : `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
    const scope = json.scope !== undefined ? str(this.evaluate(json.scope, env)) : undefined;
    let id: string;
    if (json.type.toLowerCase() === 'microsoft.resources/resourcegroups') id = `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
    else id = `${scope ?? base}/providers/${typePath(json.type, name.split('/'))}`;

    if (json.type.toLowerCase() === 'microsoft.resources/deployments' && !json.existing) {
      const props = json.properties ?? {};
      const supplied: Record<string, unknown> = {};
      for (const [k, p] of Object.entries((props.parameters ?? {}) as Record<string, Record<string, Json>>)) {
        // { value } or, for a for-expression, { copy: [{ name: 'value', count, input }] }
        const evaluated = 'value' in p || 'copy' in p ? (this.evaluate(p, env) as Record<string, unknown>) : undefined;
        supplied[k] = evaluated && 'value' in evaluated ? evaluated.value : new UnknownValue(`parameters('${k}') (Key Vault reference)`);
      }
      const childTemplate = props.template as ArmTemplateJson | undefined;
      if (!childTemplate) {
        this.notes.push(`${this.where()}: deployment ${name} links an external template; not expanded`);
        return { id };
      }
      const child = new TemplateScope(
        childTemplate,
        supplied,
        { ...this.deployment, subscriptionId, resourceGroup, deploymentName: name },
        [...this.path, name],
        this.sink,
        this.notes,
        this.includeConditional,
      );
      child.expandAll();
      return { id, child };
    }

    this.sink.push({
      symbol: label,
      deploymentPath: this.path,
      type: json.type,
      apiVersion: json.apiVersion ?? '',
      name,
      id,
      scope,
      existing: json.existing === true,
      conditional,
      location: json.location === undefined ? undefined : materialize(this.evaluate(json.location, env)),
      kind: json.kind === undefined ? undefined : materialize(this.evaluate(json.kind, env)),
      sku: json.sku === undefined ? undefined : materialize(this.evaluate(json.sku, env)),
      identity: json.identity === undefined ? undefined : materialize(this.evaluate(json.identity, env)),
      properties: (materialize(this.evaluate(json.properties ?? {}, env)) ?? {}) as Record<string, unknown>,
    });
    return { id };
  }

  expandAll(): void {
    for (const symbol of this.resourceJson.keys()) this.symbol(symbol);
  }

  outputs(): Record<string, unknown> {
    if (this.outputsCache) return this.outputsCache;
    const out: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(this.template.outputs ?? {})) {
      if (o.copy) {
        const count = this.evaluate(o.copy.count, this.env());
        out[name] =
          typeof count === 'number'
            ? Array.from({ length: count }, (_, i) => this.evaluate(o.copy!.input, this.env(new Map([['', i]]))))
            : new UnknownValue(`outputs('${name}')`);
      } else {
        out[name] = this.evaluate(o.value, this.env());
      }
    }
    this.outputsCache = out;
    return out;
  }
}

function lookup(target: unknown, key: string | number): unknown {
  if (isUnknown(target)) return new UnknownValue(`${target.text}${typeof key === 'number' ? `[${key}]` : `.${key}`}`);
  if (Array.isArray(target) && typeof key === 'number') return key < target.length ? target[key] : new UnknownValue(`index ${key} out of range`);
  if (isObject(target) && typeof key === 'string') {
    if (key in target) return target[key];
    const match = Object.keys(target).find((k) => k.toLowerCase() === key.toLowerCase());
    return match === undefined ? new UnknownValue(`missing property ${key}`) : target[match];
  }
  if (typeof target === 'string' && typeof key === 'number') return target[key];
  return new UnknownValue(`${str(target)}.${key}`);
}

function evalExpr(expr: ArmExpression, env: Env): unknown {
  switch (expr.kind) {
    case 'string':
    case 'number':
      return expr.value;
    case 'property':
      return lookup(evalExpr(expr.target, env), expr.name);
    case 'index': {
      const idx = evalExpr(expr.index, env);
      const target = evalExpr(expr.target, env);
      if (isUnknown(idx)) return new UnknownValue(`${str(target)}[${idx.text}]`);
      return lookup(target, typeof idx === 'number' ? idx : str(idx));
    }
    case 'call':
      return callFunction(expr.name, expr.args, env);
  }
}

function callFunction(name: string, argExprs: ArmExpression[], env: Env): unknown {
  const scope = env.scope;
  const fn = name.toLowerCase();
  const lazy = (i: number): unknown => evalExpr(argExprs[i]!, env);
  // Functions whose arguments must not all be evaluated up front.
  if (fn === 'if') {
    const cond = lazy(0);
    if (isUnknown(cond)) return new UnknownValue(`if(${cond.text}, …)`);
    return cond ? lazy(1) : lazy(2);
  }
  if (fn === 'lambda') return { __lambda: argExprs.slice(0, -1).map((a) => (a.kind === 'string' ? a.value : '')), body: argExprs[argExprs.length - 1], env };
  if (name.includes('.')) {
    const [ns, member] = name.split('.');
    const def = scope.template.functions?.find((f) => f.namespace === ns)?.members[member!];
    if (!def) return new UnknownValue(`${name}(…)`);
    const args = argExprs.map((a) => evalExpr(a, env));
    const fnParams = Object.fromEntries((def.parameters ?? []).map((p, i) => [p.name, args[i]]));
    return scope.evaluate(def.output.value, { scope, copy: new Map(), fnParams });
  }

  const args = argExprs.map((a) => evalExpr(a, env));
  const a0 = args[0];
  const unknownArg = args.find(isUnknown);
  const callLambda = (lam: unknown, values: unknown[]): unknown => {
    if (!isObject(lam) || !('__lambda' in lam)) return new UnknownValue('lambda');
    const l = lam as unknown as { __lambda: string[]; body: ArmExpression; env: Env };
    const vars = new Map(l.env.lambda ?? []);
    l.__lambda.forEach((n, i) => vars.set(n, values[i]));
    return evalExpr(l.body, { ...l.env, lambda: vars });
  };

  switch (fn) {
    case 'parameters': {
      const key = str(a0);
      if (env.fnParams && key in env.fnParams) return env.fnParams[key];
      return scope.param(key);
    }
    case 'variables':
      return scope.variable(str(a0));
    case 'lambdavariables':
      return env.lambda?.get(str(a0)) ?? new UnknownValue(`lambdaVariables('${str(a0)}')`);
    case 'copyindex': {
      let loop = '';
      let offset = 0;
      if (typeof a0 === 'string') {
        loop = a0;
        if (typeof args[1] === 'number') offset = args[1];
      } else if (typeof a0 === 'number') offset = a0;
      const i = env.copy.get(loop);
      return i === undefined ? new UnknownValue('copyIndex()') : i + offset;
    }
    case 'reference': {
      const target = str(a0);
      const m = /^([A-Za-z_][\w]*)(?:\[(\d+)\])?$/.exec(target);
      if (m) {
        const instances = scope.symbol(m[1]!);
        if (instances) {
          const instance = instances[m[2] === undefined ? 0 : Number(m[2])];
          if (instance?.child) {
            const outputs = instance.child.outputs();
            return { outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }])) };
          }
          return new UnknownValue(`reference('${target}')`);
        }
      }
      return new UnknownValue(`reference('${target}')`);
    }
    case 'resourceid': {
      const typeIndex = args.findIndex((x) => typeof x === 'string' && x.includes('/') && !x.startsWith('/'));
      if (typeIndex < 0) return new UnknownValue('resourceId(…)');
      const before = args.slice(0, typeIndex).map(str);
      const sub = before.length === 2 ? before[0]! : scope.deployment.subscriptionId;
      const rg = before.length >= 1 ? before[before.length - 1]! : scope.deployment.resourceGroup;
      const names = args.slice(typeIndex + 1).map(str);
      const base = rg === undefined ? `/subscriptions/${sub}` : `/subscriptions/${sub}/resourceGroups/${rg}`;
      return `${base}/providers/${typePath(str(args[typeIndex]), names)}`;
    }
    case 'subscriptionresourceid': {
      const typeIndex = args.findIndex((x) => typeof x === 'string' && x.includes('/'));
      const sub = typeIndex === 1 ? str(a0) : scope.deployment.subscriptionId;
      // ARM special-cases resource groups: /subscriptions/{id}/resourceGroups/{name}, without a provider.
      if (str(args[typeIndex]).toLowerCase() === 'microsoft.resources/resourcegroups') return `/subscriptions/${sub}/resourceGroups/${str(args[typeIndex + 1])}`;
      return `/subscriptions/${sub}/providers/${typePath(str(args[typeIndex]), args.slice(typeIndex + 1).map(str))}`;
    }
    case 'tenantresourceid':
      return `/providers/${typePath(str(a0), args.slice(1).map(str))}`;
    case 'extensionresourceid':
      return `${str(a0)}/providers/${typePath(str(args[1]), args.slice(2).map(str))}`;
    case 'resourcegroup':
      return scope.deployment.resourceGroup === undefined
        ? new UnknownValue('resourceGroup()')
        : { id: scope.baseId(), name: scope.deployment.resourceGroup, location: scope.deployment.location, type: 'Microsoft.Resources/resourceGroups' };
    case 'subscription':
      return { id: `/subscriptions/${scope.deployment.subscriptionId}`, subscriptionId: scope.deployment.subscriptionId, tenantId: scope.deployment.tenantId };
    case 'tenant':
      return { tenantId: scope.deployment.tenantId, id: `/tenants/${scope.deployment.tenantId}` };
    case 'deployment':
      return { name: scope.deployment.deploymentName, location: scope.deployment.location };
    case 'environment':
      return {
        name: 'AzureCloud',
        resourceManager: 'https://management.azure.com/',
        authentication: { loginEndpoint: 'https://login.microsoftonline.com/', audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'] },
        suffixes: { storage: 'core.windows.net', keyvaultDns: '.vault.azure.net', sqlServerHostname: '.database.windows.net', acrLoginServer: '.azurecr.io' },
      };
    case 'format': {
      if (isUnknown(a0)) return a0;
      return str(a0).replace(/\{\{|\}\}|\{(\d+)(?::[^}]*)?\}/g, (m, i?: string) => (m === '{{' ? '{' : m === '}}' ? '}' : str(args[Number(i) + 1])));
    }
    case 'concat':
      if (Array.isArray(a0) || args.some(Array.isArray)) return args.flatMap((x) => (Array.isArray(x) ? x : [x]));
      return args.map(str).join('');
    case 'createarray':
      return args;
    case 'createobject': {
      const o: Record<string, unknown> = {};
      for (let i = 0; i + 1 < args.length; i += 2) o[str(args[i])] = args[i + 1];
      return o;
    }
    case 'null':
      return null;
    case 'true':
      return true;
    case 'false':
      return false;
    case 'json':
      try {
        return JSON.parse(str(a0));
      } catch {
        return new UnknownValue(`json(${str(a0)})`);
      }
    case 'string':
      return typeof a0 === 'string' ? a0 : str(a0);
    case 'int':
      return isUnknown(a0) ? a0 : Math.trunc(Number(a0));
    case 'bool':
      return isUnknown(a0) ? a0 : a0 === true || str(a0).toLowerCase() === 'true';
    case 'equals':
      return unknownArg ? new UnknownValue(`equals(…)`) : deepEqual(a0, args[1]);
    case 'not':
      return isUnknown(a0) ? a0 : !a0;
    case 'and':
      if (args.some((x) => x === false)) return false;
      return unknownArg ?? args.every(Boolean);
    case 'or':
      if (args.some((x) => x === true)) return true;
      return unknownArg ?? args.some(Boolean);
    case 'greater':
    case 'greaterorequals':
    case 'less':
    case 'lessorequals': {
      if (unknownArg) return unknownArg;
      const [x, y] = args as [number, number];
      return fn === 'greater' ? x > y : fn === 'greaterorequals' ? x >= y : fn === 'less' ? x < y : x <= y;
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod': {
      if (unknownArg) return unknownArg;
      const [x, y] = args as [number, number];
      return fn === 'add' ? x + y : fn === 'sub' ? x - y : fn === 'mul' ? x * y : fn === 'div' ? Math.trunc(x / y) : x % y;
    }
    case 'max':
    case 'min': {
      const list = (Array.isArray(a0) ? a0 : args) as unknown[];
      if (list.some(isUnknown)) return new UnknownValue(`${fn}(…)`);
      return fn === 'max' ? Math.max(...(list as number[])) : Math.min(...(list as number[]));
    }
    case 'length':
      if (isUnknown(a0)) return new UnknownValue(`length(${a0.text})`);
      if (typeof a0 === 'string' || Array.isArray(a0)) return a0.length;
      if (isObject(a0)) return Object.keys(a0).length;
      return 0;
    case 'empty':
      if (isUnknown(a0)) return a0;
      return a0 === null || a0 === undefined || a0 === '' || (Array.isArray(a0) && a0.length === 0) || (isObject(a0) && Object.keys(a0).length === 0);
    case 'coalesce':
      return args.find((x) => x !== null && x !== undefined) ?? null;
    case 'trygget':
    case 'tryget': {
      let cur: unknown = a0;
      for (const key of args.slice(1)) {
        if (isUnknown(cur)) return new UnknownValue(`${cur.text}.${str(key)}`);
        if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
        else if (isObject(cur)) cur = cur[str(key)];
        else return null;
        if (cur === undefined) return null;
      }
      return cur;
    }
    case 'union':
      if (args.every(Array.isArray)) return [...new Set((args as unknown[][]).flat())];
      return args.reduce((acc, x) => (isObject(x) ? deepMerge(acc, x) : acc), {});
    case 'items':
      if (!isObject(a0)) return new UnknownValue('items(…)');
      return Object.keys(a0)
        .sort()
        .map((key) => ({ key, value: a0[key] }));
    case 'range':
      if (unknownArg) return unknownArg;
      return Array.from({ length: Number(args[1]) }, (_, i) => Number(a0) + i);
    case 'take':
    case 'skip': {
      if (isUnknown(args[1])) return args[1];
      const n = Number(args[1]);
      if (Array.isArray(a0)) return fn === 'take' ? a0.slice(0, n) : a0.slice(n);
      if (isUnknown(a0)) return a0;
      const s = str(a0);
      return fn === 'take' ? s.slice(0, n) : s.slice(n);
    }
    case 'first':
    case 'last': {
      if (isUnknown(a0)) return a0;
      const list = Array.isArray(a0) ? a0 : str(a0);
      return fn === 'first' ? list[0] : list[list.length - 1];
    }
    case 'split': {
      if (isUnknown(a0)) return new UnknownValue(`split(${a0.text})`);
      const delims = (Array.isArray(args[1]) ? args[1] : [args[1]]).map(str);
      return delims.reduce<string[]>((parts, d) => parts.flatMap((p) => p.split(d)), [str(a0)]);
    }
    case 'replace':
      return isUnknown(a0) ? a0 : str(a0).split(str(args[1])).join(str(args[2]));
    case 'tolower':
      return isUnknown(a0) ? a0 : str(a0).toLowerCase();
    case 'toupper':
      return isUnknown(a0) ? a0 : str(a0).toUpperCase();
    case 'padleft': {
      const s = str(a0);
      return s.padStart(Number(args[1]), args[2] === undefined ? ' ' : str(args[2]));
    }
    case 'substring':
      return str(a0).substr(Number(args[1]), args[2] === undefined ? undefined : Number(args[2]));
    case 'contains':
      if (unknownArg) return unknownArg;
      if (Array.isArray(a0)) return a0.some((x) => deepEqual(x, args[1]));
      if (isObject(a0)) return str(args[1]) in a0;
      return str(a0).toLowerCase().includes(str(args[1]).toLowerCase());
    case 'startswith':
      return str(a0).toLowerCase().startsWith(str(args[1]).toLowerCase());
    case 'endswith':
      return str(a0).toLowerCase().endsWith(str(args[1]).toLowerCase());
    case 'uniquestring':
      return BigInt(`0x${hash(args).slice(0, 16)}`).toString(36).padStart(13, 'a').slice(0, 13);
    case 'guid': {
      const h = hash(args);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }
    case 'utcnow':
      return '2000-01-01T00:00:00Z';
    case 'datetimeadd':
      return `${str(a0)}+${str(args[1])}`;
    case 'cidrsubnet':
      if (unknownArg) return new UnknownValue(`cidrSubnet(…)`);
      return cidrSubnet(str(a0), Number(args[1]), Number(args[2]));
    case 'map':
      return Array.isArray(a0) ? a0.map((x, i) => callLambda(args[1], [x, i])) : new UnknownValue('map(…)');
    case 'filter':
      return Array.isArray(a0) ? a0.filter((x, i) => callLambda(args[1], [x, i]) === true) : new UnknownValue('filter(…)');
    case 'toobject':
      if (!Array.isArray(a0)) return new UnknownValue('toObject(…)');
      return Object.fromEntries(a0.map((x) => [str(callLambda(args[1], [x])), args[2] === undefined ? x : callLambda(args[2], [x])]));
    default:
      if (!fn.startsWith('list')) scope.notes.push(`${scope.where()}: function ${name}() is not evaluated`);
      return new UnknownValue(`${name}(…)`);
  }
}

/** Expands a compiled ARM template into the resources its deployment would create (nested deployments included). */
export function expandArmTemplate(template: unknown, options: ExpandOptions = {}): ExpandedTemplate {
  if (!isObject(template) || !('resources' in template)) throw new Error('Not an ARM template: no resources');
  const sink: ExpandedResource[] = [];
  const notes: string[] = [];
  const isRgScoped = !String(template.$schema ?? '').includes('subscriptionDeploymentTemplate');
  const root = new TemplateScope(
    template as ArmTemplateJson,
    options.parameters ?? {},
    {
      subscriptionId: options.subscriptionId ?? '00000000-0000-0000-0000-000000000000',
      resourceGroup: isRgScoped ? (options.resourceGroupName ?? 'rg-cloister') : undefined,
      tenantId: options.tenantId ?? '11111111-1111-1111-1111-111111111111',
      location: options.location ?? 'westeurope',
      deploymentName: options.deploymentName ?? 'cloister',
    },
    [],
    sink,
    notes,
    options.includeConditionalResources ?? false,
  );
  root.expandAll();
  return { resources: sink, outputs: materialize(root.outputs()) as Record<string, unknown>, notes: [...new Set(notes)] };
}
