// The providers' contracts as data, and the SMS facts both providers share (numbers, encodings).
export * from './types.js'
export * from './reasons.js'
export * from './lookup.js'
export * from './msisdn.js'
export * from './encoding.js'
export * as dinisoft from './dinisoft/index.js'
export * as mimsms from './mimsms/index.js'
export * as mimsmsJson from './mimsms-json/index.js'
