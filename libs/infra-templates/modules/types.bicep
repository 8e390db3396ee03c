// Shared user-defined types (AVM style). Every module imports at least one of these, which also makes the
// compiler emit languageVersion 2.0 (symbolic resource names) for every nested template.

@export()
@description('Resource tags.')
type tagsType = {
  @description('Optional. Any tag.')
  *: string
}

@export()
@description('A private endpoint (with a private DNS zone group) to create for a resource.')
type privateEndpointType = {
  @description('Required. The sub-resource (group id) the endpoint connects to, e.g. blob, dfs, vault, amlworkspace.')
  groupId: string

  @description('Required. Resource id of the subnet that holds the endpoint\'s network interface.')
  subnetResourceId: string

  @description('Required. Private DNS zones the endpoint registers its records in (its DNS zone group).')
  @minLength(1)
  privateDnsZoneResourceIds: string[]
}

@export()
@description('A subnet of a virtual network.')
type subnetType = {
  @description('Required. Subnet name.')
  name: string

  @description('Required. Address prefix in CIDR notation.')
  addressPrefix: string

  @description('Optional. Resource id of the network security group attached to the subnet.')
  networkSecurityGroupResourceId: string?

  @description('Optional. Service the subnet is delegated to, e.g. Microsoft.App/environments.')
  delegation: string?
}

@export()
@description('A network security group rule.')
type securityRuleType = {
  @description('Required. Rule name.')
  name: string

  @description('Required. Priority, 100-4096; lower numbers win.')
  @minValue(100)
  @maxValue(4096)
  priority: int

  @description('Required. Inbound or Outbound.')
  direction: 'Inbound' | 'Outbound'

  @description('Required. Allow or Deny.')
  access: 'Allow' | 'Deny'

  @description('Required. Protocol.')
  protocol: '*' | 'Tcp' | 'Udp' | 'Icmp'

  @description('Required. Source address prefix or service tag.')
  sourceAddressPrefix: string

  @description('Required. Destination address prefix or service tag.')
  destinationAddressPrefix: string

  @description('Required. Destination port or range.')
  destinationPortRange: string

  @description('Optional. Description.')
  description: string?
}

@export()
@description('A storage container to create.')
type containerType = {
  @description('Required. Container name.')
  name: string

  @description('Optional. Turn on version-level immutability (WORM) for the container; needs versioning on the account.')
  versionLevelImmutability: bool?

  @description('Optional. Days a blob version stays immutable (creates the container\'s default time-based policy, unlocked). Only with versionLevelImmutability.')
  immutabilityPeriodDays: int?
}
