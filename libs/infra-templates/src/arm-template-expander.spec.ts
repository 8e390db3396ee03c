import { describe, expect, it } from 'vitest';
import { expandArmTemplate, parseArmExpression } from './index';

describe('parseArmExpression', () => {
  it('parses calls, escaped strings, property and index access, and namespaced functions', () => {
    expect(parseArmExpression("format('{0}''s', parameters('a').b[0])")).toEqual({
      kind: 'call',
      name: 'format',
      args: [
        { kind: 'string', value: "{0}'s" },
        {
          kind: 'index',
          target: { kind: 'property', target: { kind: 'call', name: 'parameters', args: [{ kind: 'string', value: 'a' }] }, name: 'b' },
          index: { kind: 'number', value: 0 },
        },
      ],
    });
    expect(parseArmExpression('__bicep.f(1)')).toMatchObject({ kind: 'call', name: '__bicep.f' });
    expect(() => parseArmExpression("format('x'")).toThrow(/Expected/);
  });
});

describe('expandArmTemplate', () => {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    parameters: { prefix: { type: 'string', defaultValue: 'demo' }, count: { type: 'int' }, on: { type: 'bool', defaultValue: false } },
    variables: { names: "[createArray(format('{0}-a', parameters('prefix')), format('{0}-b', parameters('prefix')))]" },
    resources: {
      nsgs: {
        copy: { name: 'nsgs', count: "[parameters('count')]" },
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: '2025-05-01',
        name: "[variables('names')[copyIndex()]]",
        properties: { copy: [{ name: 'securityRules', count: 2, input: { name: "[format('r{0}', copyIndex('securityRules'))]" } }] },
      },
      optional: { condition: "[parameters('on')]", type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2025-05-01', name: 'pip' },
      child: {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2025-04-01',
        name: 'child',
        properties: {
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: { nsgId: { value: "[resourceId('Microsoft.Network/networkSecurityGroups', variables('names')[0])]" } },
          template: {
            languageVersion: '2.0',
            parameters: { nsgId: { type: 'string' } },
            resources: {
              diag: {
                type: 'Microsoft.Insights/diagnosticSettings',
                apiVersion: '2021-05-01-preview',
                scope: "[parameters('nsgId')]",
                name: 'd',
                properties: { workspaceId: "[reference('missing').id]" },
              },
            },
            outputs: { out: { type: 'string', value: "[concat(parameters('nsgId'), '!')]" } },
          },
        },
      },
    },
    outputs: { fromChild: { type: 'string', value: "[reference('child').outputs.out.value]" } },
  };

  it('evaluates parameters, loops, property loops, conditions, module parameters and outputs', () => {
    const result = expandArmTemplate(template, { parameters: { count: 2 }, subscriptionId: 's', resourceGroupName: 'rg' });
    expect(result.resources.map((r) => r.id)).toEqual([
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/demo-a',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/demo-b',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/demo-a/providers/Microsoft.Insights/diagnosticSettings/d',
    ]);
    expect(result.resources[0]!.properties).toEqual({ securityRules: [{ name: 'r0' }, { name: 'r1' }] });
    expect(result.resources[2]!.scope).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/demo-a');
    expect(result.resources[2]!.deploymentPath).toEqual(['child']);
    expect(result.resources[2]!.properties.workspaceId).toBe("⟨reference('missing').id⟩");
    expect(result.outputs.fromChild).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/demo-a!');
  });

  it('skips resources whose condition is false unless asked to include them', () => {
    expect(expandArmTemplate(template, { parameters: { count: 1 } }).resources.some((r) => r.name === 'pip')).toBe(false);
    const all = expandArmTemplate(template, { parameters: { count: 1 }, includeConditionalResources: true }).resources;
    expect(all.find((r) => r.name === 'pip')?.conditional).toBe(true);
  });

  it('checks a loop with an unknown count once and says so', () => {
    const result = expandArmTemplate(template, {});
    expect(result.resources.filter((r) => r.type === 'Microsoft.Network/networkSecurityGroups')).toHaveLength(1);
    expect(result.notes).toEqual(['(root): nsgs has a copy count that cannot be evaluated; checked once']);
  });
});
