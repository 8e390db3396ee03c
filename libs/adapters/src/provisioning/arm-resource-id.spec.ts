import { describe, expect, it } from 'vitest';
import { parseArmResourceId } from './arm-resource-id';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cloister-demo';

describe('parseArmResourceId', () => {
  it('reads type and name of top-level and child resources', () => {
    expect(parseArmResourceId(`${RG}/providers/Microsoft.Network/virtualNetworks/vnet-demo`)).toEqual({ type: 'Microsoft.Network/virtualNetworks', name: 'vnet-demo' });
    expect(parseArmResourceId(`${RG}/providers/Microsoft.Storage/storageAccounts/stdemo/blobServices/default/containers/import`)).toEqual({
      type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
      name: 'stdemo/default/import',
    });
  });

  it('names extension resources after their own provider segment', () => {
    expect(parseArmResourceId(`${RG}/providers/Microsoft.KeyVault/vaults/kv-demo/providers/Microsoft.Insights/diagnosticSettings/cloister-diagnostics`)).toEqual({
      type: 'Microsoft.Insights/diagnosticSettings',
      name: 'cloister-diagnostics',
    });
  });

  it('recognises a resource group id', () => {
    expect(parseArmResourceId(RG)).toEqual({ type: 'Microsoft.Resources/resourceGroups', name: 'rg-cloister-demo' });
  });
});
