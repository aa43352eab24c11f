// The docs' generated tables (magic numbers, start options) are the ones the data gives.
import { expect, test } from 'vitest'
import { generatedTables } from '../../scripts/doc-tables.js'
import { readDoc } from './blocks.js'

test.each(generatedTables.map((table) => [table.file, table.begin, table] as const))('%s: the table after %s is current (run `npm run docs` when this fails)', (file, begin, table) => {
  const text = readDoc(file)
  const start = text.indexOf(begin)
  const end = text.indexOf(table.end)
  expect(start, `${file} lost its markers`).toBeGreaterThan(-1)
  expect(end).toBeGreaterThan(start)
  expect(text.slice(start + begin.length, end).trim()).toBe(table.content())
})
