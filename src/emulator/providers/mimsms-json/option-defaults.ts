// MiM's JSON API switches when a scenario sets none: plain data, read at start-up without loading zod.
// options.ts takes its defaults from here; test/scenarios/option-defaults.test.ts keeps the two equal.
export const mimsmsJsonDefaultOptions = {
  jsonOneToManySwapped: false,
  jsonPretty: false,
  jsonIdStyle: 'filetime',
  jsonDlrPending: 'pending',
  jsonDlrStatusCase: 'upper',
  jsonSmsNumberLists: 'promotional',
  jsonFormBodies: false,
  jsonMaxSegments: 10,
} as const
