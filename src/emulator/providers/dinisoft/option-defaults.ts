// DiniSoft's switches when a scenario sets none: plain data, read at start-up without loading zod.
// options.ts takes its defaults from here; test/scenarios/option-defaults.test.ts keeps the two equal.
export const dinisoftDefaultOptions = {
  oneShotStatus: 'final',
  messageIdOnRejection: false,
  contentType: null,
} as const
