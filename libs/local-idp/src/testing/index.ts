// Test helpers other projects' tests use (as @cloister/local-idp/testing): a browser-like sign-in through the IdP.
export { AuthorizationCodeFlow, type FlowTarget, type TokenResponse } from '../test-support/authorization-code-flow';
