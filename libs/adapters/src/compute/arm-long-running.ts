import type { ServiceClient } from '@azure/core-client';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ArmRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ArmRequestError';
  }
}

function errorOf(res: PipelineResponse): ArmRequestError {
  let code = `HTTP${res.status}`;
  let message = res.bodyAsText ?? '';
  try {
    const body = JSON.parse(res.bodyAsText ?? '{}') as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON: keep the raw text.
  }
  return new ArmRequestError(res.status, code, `${res.request.method} ${new URL(res.request.url).pathname}: ${code} ${message}`.trim());
}

/**
 * A plain ARM call through an SDK client's pipeline (same credential, retries and HttpClient), for operations that
 * client does not model: ML compute instance start/stop and DevTestLab schedules. Follows ARM's long-running
 * protocol (Azure-AsyncOperation or Location) to the end. A 404 on DELETE counts as done.
 */
export async function armRequest(client: ServiceClient, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, body: unknown, pollIntervalMs: number): Promise<unknown> {
  const request = createPipelineRequest({ url, method, headers: createHttpHeaders({ 'content-type': 'application/json' }), ...(body !== undefined && { body: JSON.stringify(body) }) });
  const res = await client.sendRequest(request);
  if (method === 'DELETE' && res.status === 404) return null;
  if (res.status >= 400) throw errorOf(res);
  const statusUrl = res.headers.get('azure-asyncoperation') ?? (res.status === 202 ? res.headers.get('location') : undefined);
  if (!statusUrl) return res.bodyAsText ? JSON.parse(res.bodyAsText) : null;
  for (;;) {
    await sleep(pollIntervalMs);
    const poll = await client.sendRequest(createPipelineRequest({ url: statusUrl, method: 'GET' }));
    if (poll.status >= 400) throw errorOf(poll);
    if (poll.status === 202) continue;
    const state = (JSON.parse(poll.bodyAsText || '{}') as { status?: string; error?: { code?: string; message?: string } });
    if (!state.status || state.status === 'Succeeded') return state;
    if (state.status === 'Failed' || state.status === 'Canceled') {
      throw new ArmRequestError(200, state.error?.code ?? state.status, `${method} ${new URL(url).pathname}: ${state.error?.code ?? state.status} ${state.error?.message ?? ''}`.trim());
    }
  }
}
