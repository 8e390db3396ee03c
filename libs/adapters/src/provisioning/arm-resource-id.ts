// ARM resource ids carry the type and name of a resource; the deployment APIs often return only ids.

export interface ArmResourceRef {
  /** e.g. `Microsoft.Storage/storageAccounts/blobServices`. */
  readonly type: string;
  /** e.g. `stsecabc/default` (child names joined by `/`, as ARM writes them in templates). */
  readonly name: string;
}

/**
 * Splits `/subscriptions/…/resourceGroups/…/providers/NS/t1/n1/t2/n2` into type `NS/t1/t2` and name `n1/n2`.
 * Extension resources (`…/providers/A/x/y/providers/B/z/w`) are named after the last provider segment.
 */
export function parseArmResourceId(id: string): ArmResourceRef {
  const parts = id.split('/').filter((p) => p.length > 0);
  const providerAt = parts.map((p) => p.toLowerCase()).lastIndexOf('providers');
  if (providerAt < 0 || providerAt + 3 > parts.length) {
    // A resource group or subscription id: no provider segment.
    const groupAt = parts.map((p) => p.toLowerCase()).lastIndexOf('resourcegroups');
    if (groupAt >= 0 && groupAt + 1 < parts.length) return { type: 'Microsoft.Resources/resourceGroups', name: parts[groupAt + 1] };
    return { type: 'unknown', name: parts[parts.length - 1] ?? '' };
  }
  const namespace = parts[providerAt + 1];
  const rest = parts.slice(providerAt + 2);
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  return { type: [namespace, ...types].join('/'), name: names.join('/') };
}
