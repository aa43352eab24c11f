// DiniSoft BD's contract: endpoints and code tables.
export * from './codes.js'
export * from './endpoints.js'
