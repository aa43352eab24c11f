// The TypeScript examples of the docs that are whole test files are copies of test/examples/*.test.ts,
// which the suite runs: each example is published, verbatim but for the package's import names, where
// the docs show it.
import { readdirSync } from 'node:fs'
import { expect, test } from 'vitest'
import { blocksRunBy, exampleOf, publishedExample, readDoc, root } from './blocks.js'

const WHERE: Readonly<Record<string, string>> = {
  'in-process.test.ts': 'README.md',
  'contract-kit.test.ts': 'docs/kit.md',
  'certify.test.ts': 'docs/certify.md',
  'persistence.test.ts': 'docs/persistence.md',
}

test.each(Object.entries(WHERE))('test/examples/%s is published in %s', (example, file) => {
  expect(readDoc(file)).toContain(publishedExample(example))
})

test('every test/examples file is published somewhere, and every published copy is exact', () => {
  const examples = readdirSync(new URL('test/examples/', root)).filter((name) => name.endsWith('.test.ts'))
  expect(examples.sort()).toEqual(Object.keys(WHERE).sort())
  const copies = blocksRunBy('examples')
  expect(copies.map((block) => `${exampleOf(block)} in ${block.file}`).sort()).toEqual(Object.entries(WHERE).map(([example, file]) => `${example} in ${file}`).sort())
})
