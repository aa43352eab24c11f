// The providers' contracts as data.
export * from './types.js'
export * from './reasons.js'
export * from './lookup.js'
export * as dinisoft from './dinisoft/index.js'
export * as mimsms from './mimsms/index.js'
export * from './formats.js'
