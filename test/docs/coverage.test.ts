// Every shell and TypeScript block of README.md, CONTRIBUTING.md and docs/*.md is run by some test: each
// doc test takes its blocks from test/docs/blocks.ts, and a block no runner takes fails here. Blocks
// must name their language; `text` marks output, `json` and `xml` data.
import { existsSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { codeBlocks, docFiles, NOT_RUN, root, RUNNABLE, runners } from './blocks.js'

const blocks = docFiles().flatMap(codeBlocks)

test('the docs have code blocks to check', () => {
  expect(docFiles()).toContain('docs/scenarios.md')
  expect(blocks.length).toBeGreaterThan(40)
})

test('every code block names its language: a runnable one, or text (output) or data', () => {
  const known: readonly string[] = [...RUNNABLE, ...NOT_RUN]
  const unknown = blocks.filter((block) => !known.includes(block.lang)).map((block) => `${block.file}:${block.line} \`\`\`${block.lang}`)
  expect(unknown, 'label each block sh, ts, text (output), json or xml').toEqual([])
})

test('every shell and TypeScript block is run by some test', () => {
  const runnable: readonly string[] = RUNNABLE
  const orphans = blocks
    .filter((block) => runnable.includes(block.lang))
    .filter((block) => !Object.values(runners).some((runner) => runner.takes(block)))
    .map((block) => `${block.file}:${block.line} \`\`\`${block.lang}\n${block.text}`)
  expect(orphans, 'give each block a runner in test/docs/blocks.ts (or use a line kind an existing runner knows)').toEqual([])
})

test("every runner's test exists and takes its blocks from the registry", () => {
  for (const [name, runner] of Object.entries(runners)) {
    expect(existsSync(new URL(runner.test, root)), runner.test).toBe(true)
    const source = readFileSync(new URL(runner.test, root), 'utf8')
    expect(source, `${runner.test} runs the blocks of '${name}'`).toMatch(new RegExp(`blocksRunBy\\('${name}'`))
  }
})
