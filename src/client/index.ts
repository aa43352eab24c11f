// The client's composition root: one gateway per provider behind `createGateway`, and the public types.
import type { ProviderName } from '../contracts/types.js'
import { type DiniSoftConfig, DiniSoftClient } from './dinisoft.js'
import { type MimSmsConfig, MimSmsClient } from './mimsms.js'
import { type MimSmsJsonConfig, MimSmsJsonClient } from './mimsms-json.js'

export * from './gateway.js'
export { DiniSoftClient, type DiniSoftConfig, parseDiniSoftBody } from './dinisoft.js'
export { MimSmsJsonClient, type MimSmsJsonConfig, type InboundSms } from './mimsms-json.js'
export { MimSmsClient, type MimSmsConfig, type DeliveryReport, parseDlrXml, toDhakaDateTime, fromDhakaDateTime } from './mimsms.js'
export { type Fetch, type HttpOptions, type RetryOptions } from './http.js'
export { type FinalStatusStore, memoryStatusStore } from './status-cache.js'

export interface GatewayConfigs {
  dinisoft: DiniSoftConfig
  mimsms: MimSmsConfig
  'mimsms-json': MimSmsJsonConfig
}

export interface GatewayClients {
  dinisoft: DiniSoftClient
  mimsms: MimSmsClient
  'mimsms-json': MimSmsJsonClient
}

const factories: { [P in ProviderName]: (config: GatewayConfigs[P]) => GatewayClients[P] } = {
  dinisoft: (config) => new DiniSoftClient(config),
  mimsms: (config) => new MimSmsClient(config),
  'mimsms-json': (config) => new MimSmsJsonClient(config),
}

/**
 * A client for the named provider. Code that should not care which provider it talks to keeps the
 * result as an `SmsGateway`.
 *
 * @example
 * const gateway: SmsGateway = createGateway('mimsms', { baseUrl: 'http://127.0.0.1:7799', api_key: 'demo-api-key', sender: 'DEMO' })
 * await gateway.send({ to: '01712345678', text: 'Hello' })
 */
export function createGateway<P extends ProviderName>(provider: P, config: GatewayConfigs[P]): GatewayClients[P] {
  const factory = factories[provider] as ((config: GatewayConfigs[P]) => GatewayClients[P]) | undefined
  if (!factory) throw new TypeError(`Unknown provider "${String(provider)}": expected ${Object.keys(factories).join(' or ')}.`)
  return factory(config)
}
