// MiM SMS's JSON API contract: endpoints, code tables, answer shapes.
export * from './codes.js'
export * from './endpoints.js'
