// An in-process FAKE of the Azure Policy Insights REST API (policy states), plugged into the real
// @azure/arm-policyinsights SDK as its HttpClient. It serves the two resource-group calls the compliance adapter
// makes — `policyStates/latest/summarize` and `policyStates/latest/queryResults` (with $filter on equality,
// $select, $orderby Timestamp, $top and @odata.nextLink paging) — from policy-state records a test puts in.
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

export interface FakePolicyState {
  readonly resourceId: string;
  readonly policyAssignmentId: string;
  readonly policyDefinitionId: string;
  readonly policyDefinitionName: string;
  readonly policyDefinitionReferenceId: string | null;
  readonly policyDefinitionAction: string;
  readonly policyDefinitionGroupNames: readonly string[];
  readonly complianceState: 'Compliant' | 'NonCompliant' | 'Exempt';
  readonly timestamp: string;
}

export interface FakePolicyInsightsRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
}

const HOST = 'https://management.azure.com';
const ROUTE = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/Microsoft\.PolicyInsights\/policyStates\/([^/]+)\/(summarize|queryResults)$/i;

export class FakePolicyInsights implements HttpClient {
  readonly requests: FakePolicyInsightsRequest[] = [];
  /** Latest policy states per resource group (lower-cased name). */
  readonly states = new Map<string, FakePolicyState[]>();

  constructor(private readonly options: { acceptedToken?: string; pageSize?: number } = {}) {}

  /** Replaces a resource group's latest policy states. */
  setStates(resourceGroup: string, states: readonly FakePolicyState[]): void {
    this.states.set(resourceGroup.toLowerCase(), [...states]);
  }

  requestsTo(method: string, path: RegExp): FakePolicyInsightsRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    this.requests.push({ method: request.method, path: url.pathname, query: url.searchParams });
    const res = request.headers.get('authorization') !== `Bearer ${this.options.acceptedToken ?? 'fake-arm-token'}`
      ? { status: 401, body: { error: { code: 'AuthenticationFailed', message: 'Missing or wrong bearer token.' } } }
      : this.route(request.method, url);
    return {
      request, status: res.status,
      headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8' }),
      bodyAsText: res.body === undefined ? '' : JSON.stringify(res.body),
    };
  }

  private route(method: string, url: URL): FakeResponse {
    const m = ROUTE.exec(url.pathname);
    if (!m) return { status: 400, body: { error: { code: 'FakeRouteNotImplemented', message: `${method} ${url.pathname}` } } };
    if (url.searchParams.get('api-version') !== '2024-10-01') return { status: 400, body: { error: { code: 'InvalidApiVersion', message: 'the fake serves api-version 2024-10-01' } } };
    if (m[3] !== 'latest') return { status: 400, body: { error: { code: 'InvalidPolicyStatesResource', message: 'only latest is served' } } };
    const states = this.states.get(m[2]!.toLowerCase());
    if (!states) return { status: 404, body: { error: { code: 'ResourceGroupNotFound', message: `Resource group '${m[2]}' could not be found.` } } };
    // The real service takes POST for both; paging follows @odata.nextLink, which the SDK fetches with GET.
    if (m[4]!.toLowerCase() === 'summarize') return method === 'POST' ? this.summarize(states) : { status: 405 };
    return this.queryResults(url, states);
  }

  private summarize(states: readonly FakePolicyState[]): FakeResponse {
    const resources = new Map<string, string>();
    for (const s of states) {
      const key = s.resourceId.toLowerCase();
      if (s.complianceState === 'NonCompliant' || !resources.has(key)) resources.set(key, s.complianceState.toLowerCase());
    }
    const detail = (counts: Map<string, number>) => [...counts].map(([complianceState, count]) => ({ complianceState, count }));
    const byState = new Map<string, number>();
    for (const state of resources.values()) byState.set(state, (byState.get(state) ?? 0) + 1);
    const failing = states.filter((s) => s.complianceState === 'NonCompliant');
    const failingPolicies = new Set(failing.map((s) => `${s.policyDefinitionId}#${s.policyDefinitionReferenceId ?? ''}`));
    return {
      status: 200,
      body: {
        '@odata.context': `${HOST}/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary`, '@odata.count': 1,
        value: [{
          '@odata.id': null,
          results: { nonCompliantResources: byState.get('noncompliant') ?? 0, nonCompliantPolicies: failingPolicies.size, resourceDetails: detail(byState), policyDetails: [], policyGroupDetails: [] },
          policyAssignments: [],
        }],
      },
    };
  }

  private queryResults(url: URL, states: readonly FakePolicyState[]): FakeResponse {
    const q = url.searchParams;
    let predicate: (s: FakePolicyState) => boolean;
    try {
      predicate = filterOf(q.get('$filter'));
    } catch (e) {
      return { status: 400, body: { error: { code: 'InvalidQuery', message: (e as Error).message } } };
    }
    let rows = states.filter(predicate);
    const order = q.get('$orderby');
    if (order) {
      if (!/^Timestamp( desc| asc)?$/i.test(order.trim())) return { status: 400, body: { error: { code: 'InvalidQuery', message: `the fake orders by Timestamp only, not ${order}` } } };
      const sign = /asc$/i.test(order.trim()) ? 1 : -1;
      rows = [...rows].sort((a, b) => sign * a.timestamp.localeCompare(b.timestamp));
    }
    const top = q.get('$top');
    if (top) rows = rows.slice(0, Number(top));
    const skip = Number(q.get('$skiptoken') ?? 0);
    const size = this.options.pageSize ?? 1000;
    const page = rows.slice(skip, skip + size);
    const select = q.get('$select')?.split(',').map((c) => c.trim().toLowerCase());
    const value = page.map((s) => {
      const full: Record<string, unknown> = { '@odata.id': null, ...s, policyDefinitionGroupNames: [...s.policyDefinitionGroupNames] };
      return select ? Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k.toLowerCase()))) : full;
    });
    const next = skip + size < rows.length ? new URL(url.toString()) : null;
    next?.searchParams.set('$skiptoken', String(skip + size));
    return { status: 200, body: { '@odata.context': 'fake', '@odata.count': value.length, value, ...(next && { '@odata.nextLink': next.toString() }) } };
  }
}

/** `$filter` as the adapter writes it: `Column eq 'value'` clauses joined by `and` (column names case-insensitive). */
function filterOf(filter: string | null): (s: FakePolicyState) => boolean {
  if (!filter) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((c) => {
    const m = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/i.exec(c);
    if (!m) throw new Error(`the fake cannot parse $filter clause: ${c}`);
    return [m[1]!.toLowerCase(), m[2]!.toLowerCase()] as const;
  });
  return (s) => clauses.every(([column, value]) => {
    const entry = Object.entries(s).find(([k]) => k.toLowerCase() === column);
    return String(entry?.[1] ?? '').toLowerCase() === value;
  });
}
