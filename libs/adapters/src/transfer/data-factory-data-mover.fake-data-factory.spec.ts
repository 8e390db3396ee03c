// The azure data mover through the real @azure/arm-datafactory SDK against an in-process FAKE of Data Factory that
// serves the platform template's own pipeline definitions (so a parameter-name drift fails here), and, in the last
// block, performs the pipeline's copy between two Azurite accounts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { TransferItem } from '@cloister/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeDataFactory, type FakeDataFactoryOptions, platformTemplatePipelines } from '../azure-fakes/fake-data-factory';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { newAccountKey, type RunningAzurite, startAzurite } from '../local/azurite';
import { DataFactoryDataMover, INGRESS_PIPELINE_NAME } from './data-factory-data-mover';
import { DataFactoryRunError, UnsupportedTransferError } from './data-factory-data-mover-errors';

const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const RESOURCE_GROUP = 'rg-cloister-platform';
const FACTORY = 'adf-cloister-sample';
const HOST = 'https://management.azure.com';
const API = '2018-06-01';
const FACTORY_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DataFactory/factories/${FACTORY}`;
const CREATE_RUN_URL = `${HOST}${FACTORY_PATH}/pipelines/${INGRESS_PIPELINE_NAME}/createRun?api-version=${API}`;
const runUrl = (runId: string) => `${HOST}${FACTORY_PATH}/pipelineruns/${runId}?api-version=${API}`;
const CREATE_RUN = /\/pipelines\/[^/]+\/createRun$/;
const GET_RUN = /\/pipelineruns\/[^/]+$/;

const pipelines = platformTemplatePipelines();
/** The public account the template wired into the ingress pipeline's source dataset. */
const publicAccountName = (() => {
  const ingress = pipelines.find((p) => p.name === INGRESS_PIPELINE_NAME);
  const [activity] = (ingress?.properties['activities'] ?? []) as { inputs: { parameters: { storageAccountName: string } }[] }[];
  return activity?.inputs[0]?.parameters.storageAccountName ?? '';
})();

const file = (name: string, folder = 'prj_1/ds_1/v1'): TransferItem => ({
  sourceContainer: 'uploads',
  sourceBlob: `${folder}/${name}`,
  destinationContainer: 'import',
  destinationBlob: `${folder}/files/${name}`,
});

const newFactory = (options: Partial<FakeDataFactoryOptions> = {}) =>
  new FakeDataFactory({ subscriptionId: SUBSCRIPTION, resourceGroup: RESOURCE_GROUP, factoryName: FACTORY, pipelines, ...options });

const newMover = (factory: FakeDataFactory, credential = new FakeTokenCredential(), overrides: { timeoutMs?: number; projectStorageAccountName?: (item: TransferItem) => string } = {}) =>
  new DataFactoryDataMover({
    credential,
    subscriptionId: SUBSCRIPTION,
    resourceGroup: RESOURCE_GROUP,
    factoryName: FACTORY,
    pipelineName: INGRESS_PIPELINE_NAME,
    projectStorageAccountName: overrides.projectStorageAccountName ?? 'stsecgenomics',
    pollIntervalMs: 0,
    httpClient: factory,
    ...(overrides.timeoutMs === undefined ? {} : { timeoutMs: overrides.timeoutMs }),
  });

describe('DataFactoryDataMover against a fake Data Factory', () => {
  let factory: FakeDataFactory;
  let credential: FakeTokenCredential;

  beforeEach(() => {
    factory = newFactory({ pollsBeforeDone: 3 });
    credential = new FakeTokenCredential();
  });

  it('starts a run of the ingress pipeline per file with the template\'s parameters, on the exact URL and api-version', async () => {
    await newMover(factory, credential).copy([file('a.csv'), file('b.csv')]);

    const creates = factory.requestsTo('POST', CREATE_RUN);
    expect(creates).toHaveLength(2);
    expect(creates[0]?.url).toBe(CREATE_RUN_URL);
    expect(creates[0]?.body).toEqual({ projectStorageAccountName: 'stsecgenomics', sourceFolderPath: 'prj_1/ds_1/v1', sourceFileName: 'a.csv', sinkFolderPath: 'prj_1/ds_1/v1/files', sinkFileName: 'a.csv', sinkContainer: 'import' });
    expect(factory.requests.every((r) => r.apiVersion === API)).toBe(true);
  });

  it('sends a bearer token for the ARM scope on every request', async () => {
    await newMover(factory, credential).copy([file('a.csv')]);
    expect(credential.requestedScopes).toContain('https://management.azure.com/.default');
    expect(factory.requests.length).toBeGreaterThan(1);
    expect(factory.requests.every((r) => r.authorization === 'Bearer fake-arm-token')).toBe(true);
  });

  it('polls the run through Queued and InProgress until it succeeds', async () => {
    await newMover(factory, credential).copy([file('a.csv')]);

    const [run] = [...factory.runs.values()];
    expect(run?.status).toBe('Succeeded');
    const polls = factory.requestsTo('GET', GET_RUN);
    expect(polls).toHaveLength(4); // Queued, InProgress, InProgress, Succeeded
    expect(polls.every((p) => p.url === runUrl(run?.runId ?? ''))).toBe(true);
    expect(factory.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'GET', 'GET']);
  });

  it('starts one run per file, each on its project\'s account, and waits for all of them', async () => {
    const accountOf = (item: TransferItem) => (item.sourceBlob.startsWith('prj_2/') ? 'stsecproject2' : 'stsecgenomics');
    await newMover(factory, credential, { projectStorageAccountName: accountOf }).copy([file('a.csv'), file('b.csv', 'prj_2/ds_9/v3')]);

    expect(factory.requestsTo('POST', CREATE_RUN).map((r) => r.body)).toEqual([
      { projectStorageAccountName: 'stsecgenomics', sourceFolderPath: 'prj_1/ds_1/v1', sourceFileName: 'a.csv', sinkFolderPath: 'prj_1/ds_1/v1/files', sinkFileName: 'a.csv', sinkContainer: 'import' },
      { projectStorageAccountName: 'stsecproject2', sourceFolderPath: 'prj_2/ds_9/v3', sourceFileName: 'b.csv', sinkFolderPath: 'prj_2/ds_9/v3/files', sinkFileName: 'b.csv', sinkContainer: 'import' },
    ]);
    expect([...factory.runs.values()].map((r) => r.status)).toEqual(['Succeeded', 'Succeeded']);
  });

  it('surfaces a failed run\'s message and run id', async () => {
    factory.failRuns('ErrorCode=UserErrorFailedBlobFSOperation,Message=This request is not authorized to perform this operation.');
    const failure = await newMover(factory, credential).copy([file('a.csv')]).then(() => null, (e: unknown) => e);

    const [run] = [...factory.runs.values()];
    expect(failure).toBeInstanceOf(DataFactoryRunError);
    const error = failure as DataFactoryRunError;
    expect(error.runId).toBe(run?.runId);
    expect(error.outcome).toBe('Failed');
    expect(error.runMessage).toBe('Operation on target CopyFile failed: ErrorCode=UserErrorFailedBlobFSOperation,Message=This request is not authorized to perform this operation.');
    expect(error.message).toContain(run?.runId ?? '?');
    expect(error.message).toContain('This request is not authorized');
  });

  it('cancels and reports a run that outlives the timeout', async () => {
    const stuck = newFactory({ pollsBeforeDone: Number.POSITIVE_INFINITY });
    const failure = await newMover(stuck, credential, { timeoutMs: 0 }).copy([file('a.csv')]).then(() => null, (e: unknown) => e);

    const [run] = [...stuck.runs.values()];
    expect(failure).toBeInstanceOf(DataFactoryRunError);
    expect((failure as DataFactoryRunError).outcome).toBe('TimedOut');
    expect((failure as DataFactoryRunError).runId).toBe(run?.runId);
    const [cancel] = stuck.requestsTo('POST', /\/pipelineruns\/[^/]+\/cancel$/);
    expect(cancel?.url).toBe(`${HOST}${FACTORY_PATH}/pipelineruns/${run?.runId}/cancel?api-version=${API}`);
    expect(run?.status).toBe('Canceling');
  });

  it('makes no request for no items', async () => {
    await newMover(factory, credential).copy([]);
    expect(factory.requests).toHaveLength(0);
  });

  it('starts nothing when any item is beyond what the pipeline can do', async () => {
    const elsewhere: TransferItem = { ...file('a.csv'), sourceContainer: 'exports' };
    await expect(newMover(factory, credential).copy([file('b.csv'), elsewhere])).rejects.toBeInstanceOf(UnsupportedTransferError);
    expect(factory.requests).toHaveLength(0);
  });

  it('passes Data Factory\'s own errors through (an unknown pipeline is a 404)', async () => {
    const mover = new DataFactoryDataMover({
      credential, subscriptionId: SUBSCRIPTION, resourceGroup: RESOURCE_GROUP, factoryName: FACTORY, pipelineName: 'no-such-pipeline',
      projectStorageAccountName: 'stsecgenomics', pollIntervalMs: 0, httpClient: factory,
    });
    await expect(mover.copy([file('a.csv')])).rejects.toMatchObject({ statusCode: 404, code: 'PipelineNotFound' });
  });
});

describe('DataFactoryDataMover with the fake Data Factory copying between Azurite accounts', () => {
  let azurite: RunningAzurite;
  let accounts: Record<string, BlobServiceClient>;
  const secureAccountName = 'stsecgenomics';

  beforeAll(async () => {
    const keys = { [publicAccountName]: newAccountKey(), [secureAccountName]: newAccountKey() };
    azurite = await startAzurite({ dataDir: mkdtempSync(join(tmpdir(), 'azurite-adf-')), accounts: Object.entries(keys).map(([name, key]) => ({ name, key })) });
    accounts = Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [name, new BlobServiceClient(`${azurite.blobEndpoint}/${name}`, new StorageSharedKeyCredential(name, key))]),
    );
    await accounts[publicAccountName]?.getContainerClient('uploads').createIfNotExists();
    await accounts[secureAccountName]?.getContainerClient('import').createIfNotExists();
  });
  afterAll(() => azurite.stop());

  const read = async (account: string, container: string, name: string) => (await accounts[account]?.getContainerClient(container).getBlockBlobClient(name).downloadToBuffer())?.toString();
  const exists = async (account: string, container: string, name: string) => accounts[account]?.getContainerClient(container).getBlockBlobClient(name).exists();

  it('copies the bytes into the project\'s import container under the new name and keeps the originals', async () => {
    const uploads = accounts[publicAccountName]?.getContainerClient('uploads');
    await uploads?.getBlockBlobClient('prj_1/ds_1/v1/a.csv').uploadData(Buffer.from('id,value\n1,42\n'), { blobHTTPHeaders: { blobContentType: 'text/csv' } });
    await uploads?.getBlockBlobClient('prj_1/ds_1/v1/b.bin').uploadData(Buffer.from([0, 1, 2, 255]));
    const factory = newFactory({ storageAccounts: accounts });

    const renamed: TransferItem = { sourceContainer: 'uploads', sourceBlob: 'prj_1/ds_1/v1/b.bin', destinationContainer: 'import', destinationBlob: 'prj_1/ds_1/v1/files/b.bin' };
    await newMover(factory).copy([file('a.csv'), renamed]);

    expect(await read(secureAccountName, 'import', 'prj_1/ds_1/v1/files/a.csv')).toBe('id,value\n1,42\n');
    const properties = await accounts[secureAccountName]?.getContainerClient('import').getBlockBlobClient('prj_1/ds_1/v1/files/a.csv').getProperties();
    expect(properties?.contentType).toBe('text/csv');
    expect([...((await accounts[secureAccountName]?.getContainerClient('import').getBlockBlobClient('prj_1/ds_1/v1/files/b.bin').downloadToBuffer()) ?? [])]).toEqual([0, 1, 2, 255]);
    // Ingress deletes nothing: the worker deletes originals only after verifying the copies.
    expect(await exists(publicAccountName, 'uploads', 'prj_1/ds_1/v1/a.csv')).toBe(true);
    expect(await exists(publicAccountName, 'uploads', 'prj_1/ds_1/v1/b.bin')).toBe(true);
  });

  it('fails the run, with Data Factory\'s kind of message, when the source file does not exist', async () => {
    const factory = newFactory({ storageAccounts: accounts });
    await expect(newMover(factory).copy([file('gone.csv', 'prj_1/ds_1/v9')])).rejects.toThrow(/CopyFile failed: ErrorCode=UserErrorSourceFileNotExists/);
  });
});
