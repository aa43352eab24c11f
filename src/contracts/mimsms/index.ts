// MiM SMS's contract: endpoints, code tables and report shape.
export * from './codes.js'
export * from './endpoints.js'
export * from './senders.js'
