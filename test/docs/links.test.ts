// Every relative link of README.md, CONTRIBUTING.md and docs/*.md leads somewhere (the file exists, and
// an anchor names a heading as GitHub makes its id, or an `<a id>`), and every docs/*.md the code names exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { expect, test } from 'vitest'
import { docFiles, readDoc, root } from './blocks.js'

/** The Markdown outside code blocks and inline code. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')

/** The anchors GitHub gives a document's headings (lower case, punctuation dropped, spaces to dashes, repeats numbered), and its `<a id>`s. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>()
  const found = new Set<string>()
  for (const [, heading = ''] of text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    found.add(count === 0 ? slug : `${slug}-${count}`)
  }
  for (const [, id = ''] of text.matchAll(/<a id="([^"]+)"/g)) found.add(id)
  return found
}

test('GitHub anchors are made as GitHub makes them', () => {
  expect(anchors('# verify-provider: does the provider still behave as documented?\n## `start` options\n## A\n## A')).toEqual(
    new Set(['verify-provider-does-the-provider-still-behave-as-documented', 'start-options', 'a', 'a-1']),
  )
})

test.each(docFiles())('every relative link of %s resolves', (file) => {
  const text = readDoc(file)
  const links = [...prose(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '')
  const broken: string[] = []
  for (const link of links.filter((target) => !/^[a-z]+:/i.test(target))) {
    const [path = '', anchor] = link.split('#')
    const target = path === '' ? file : normalize(join(dirname(file), path))
    if (!existsSync(new URL(target, root))) broken.push(`${link}: no file ${target}`)
    else if (anchor !== undefined && !anchors(readDoc(target)).has(anchor)) broken.push(`${link}: no heading #${anchor} in ${target}`)
  }
  expect(broken).toEqual([])
})

test('every doc the code names (help texts, messages, comments) exists', () => {
  const sources = ['src', 'bin', 'scripts'].flatMap((folder) =>
    readdirSync(new URL(`${folder}/`, root), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(ts|tsx|js|mjs)$/.test(name))
      .map((name) => `${folder}/${name}`),
  )
  const named = sources.flatMap((file) => [...readFileSync(new URL(file, root), 'utf8').matchAll(/\bdocs\/[a-z-]+\.md\b/g)].map((match) => `${file}: ${match[0]}`))
  expect(named.length).toBeGreaterThan(5)
  expect(named.filter((entry) => !existsSync(new URL(entry.split(': ')[1] ?? '', root)))).toEqual([])
})

test('the README stays a short read that leads to every doc', () => {
  const readme = readDoc('README.md')
  expect(readme.split('\n').length, 'reference material belongs in docs/').toBeLessThanOrEqual(250)
  const linked = new Set([...prose(readme).matchAll(/\]\((docs\/[^)#\s]+\.md)/g)].map((match) => match[1]))
  expect(docFiles().filter((file) => file.startsWith('docs/') && !linked.has(file))).toEqual([])
})
