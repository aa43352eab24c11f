// The package's public API (re-exports only).
export { type Emulator, type EmulatorOptions, type ServiceName, startEmulator } from './emulator/index.js'
export type { MessageFilter, MessageView } from './emulator/core/store.js'
export type { JournalEntry, JournalFilter } from './emulator/core/journal.js'
export type { Rule, ScenarioInput } from './emulator/core/scenario-schema.js'
export { parseMsisdn, normaliseMsisdn, type Msisdn, type Operator } from './contracts/msisdn.js'
export { countSegments, detectEncoding, type Encoding } from './contracts/encoding.js'
export * as contracts from './contracts/index.js'
export * from './client/index.js'
