export * from './compiled-templates';
export * from './security-invariants';
export { expandArmTemplate, UnknownValue, type ExpandedResource, type ExpandedTemplate, type ExpandOptions } from './arm-template-expander';
export { parseArmExpression, isExpression, ArmExpressionSyntaxError, type ArmExpression } from './arm-expression';
