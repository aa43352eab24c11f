// The scenario file format's version: a leaf, read by the schema and by the zod-free default scenario.
export const SCENARIO_VERSION = 1
