import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { ProviderStore } from './provider-store';

// Models whose entries belong to a grant: revoking the grant removes all of them (the Grant itself is destroyed by
// the provider separately).
const GRANT_BOUND_MODELS = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

function modelOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** oidc-provider's storage interface for one model, over the IdP's durable store (keys are `Model:id`). */
class StoredModelAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: ProviderStore<AdapterPayload>,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.store.set(this.key(id), payload, expiresIn);
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.get(this.key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.findFirst((key, payload) => modelOf(key) === this.model && payload.uid === uid));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.store.findFirst((key, payload) => modelOf(key) === this.model && payload.userCode === userCode));
  }

  async consume(id: string): Promise<void> {
    const consumedAt = Math.floor(Date.now() / 1000);
    await this.store.update(this.key(id), (payload) => ({ ...payload, consumed: consumedAt }));
  }

  async destroy(id: string): Promise<void> {
    await this.store.delete([this.key(id)]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.store.delete(this.store.keysWhere((key, payload) => GRANT_BOUND_MODELS.has(modelOf(key)) && payload.grantId === grantId));
  }
}

export function createProviderAdapterFactory(store: ProviderStore<AdapterPayload>): AdapterFactory {
  return (model) => new StoredModelAdapter(model, store);
}
