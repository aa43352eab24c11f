// The contract-test kit: OpenAPI export, verify-provider, verify-consumer, JUnit (vitest suites: ./vitest.js).
export { type AnswerReading, isFinalReading, readAnswer, type Report } from './answers.js'
export {
  type Answer,
  CheckFailure,
  type CheckKind,
  type CheckSession,
  checksFor,
  type CredentialName,
  type ProviderCheck,
  type ProviderCredentials,
} from './checks.js'
export { consumerJUnit, providerJUnit } from './junit.js'
export { openApiDocument, type OpenApiOptions } from './openapi.js'
export { type EndpointMatch, matchEndpoint, type RecordedRequest, readWire } from './recorded.js'
export { contractFor, isProviderName, providerContracts, providerNames } from './registry.js'
export * from './verify-consumer.js'
export {
  type CheckResult,
  type CheckStatus,
  type Exchange,
  formatProviderVerification,
  type ProviderVerification,
  type VerifyProviderOptions,
  verifyProvider,
} from './verify-provider.js'
