// The azure-mode (Entra ID) upload URL path through the real @azure/storage-blob SDK against a FAKE of Get User
// Delegation Key: the URL must be a user-delegation SAS, create+write only, for one blob, expiring when asked.
import { describe, expect, it } from 'vitest';
import { FakeBlobDelegationService } from '../azure-fakes/fake-blob-delegation-service';
import { FakeTokenCredential } from '../azure-fakes/fake-token-credential';
import { BlobObjectStorage } from './blob-object-storage';

describe('BlobObjectStorage upload URLs in azure mode (fake storage service)', () => {
  it('mints a create+write user-delegation SAS for exactly one blob, asking Storage for a delegation key with the token', async () => {
    const credential = new FakeTokenCredential('storage-token');
    const fake = new FakeBlobDelegationService('storage-token');
    const storage = new BlobObjectStorage({ account: 'public', blobUrl: 'https://stpublic.blob.core.windows.net', accountName: 'stpublic', credential, httpClient: fake });
    const expiresOn = new Date(Date.now() + 10 * 60 * 1000);

    const url = new URL(await storage.createUploadUrl('uploads', 'p/d/v1/abc', expiresOn));

    expect(`${url.origin}${url.pathname}`).toBe('https://stpublic.blob.core.windows.net/uploads/p/d/v1/abc');
    expect(url.searchParams.get('sp')).toBe('cw');
    expect(url.searchParams.get('sr')).toBe('b');
    expect(url.searchParams.get('spr')).toBe('https');
    expect(url.searchParams.get('skoid')).toBe('11111111-1111-1111-1111-111111111111');
    expect(url.searchParams.get('sktid')).toBe('22222222-2222-2222-2222-222222222222');
    expect(new Date(url.searchParams.get('se')!).getTime()).toBe(Math.floor(expiresOn.getTime() / 1000) * 1000);
    expect(credential.requestedScopes).toContain('https://storage.azure.com/.default');
    const [keyRequest] = fake.requests;
    expect(keyRequest?.method).toBe('POST');
    expect(keyRequest?.url).toBe('https://stpublic.blob.core.windows.net/?restype=service&comp=userdelegationkey');
    expect(keyRequest?.body).toContain('<KeyInfo>');
    expect(url.searchParams.get('sig')).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('surfaces a refused token instead of returning a URL', async () => {
    const storage = new BlobObjectStorage({ account: 'public', blobUrl: 'https://stpublic.blob.core.windows.net', accountName: 'stpublic', credential: new FakeTokenCredential('wrong'), httpClient: new FakeBlobDelegationService('storage-token') });
    await expect(storage.createUploadUrl('uploads', 'x', new Date(Date.now() + 60_000))).rejects.toMatchObject({ statusCode: 403 });
  });
});
