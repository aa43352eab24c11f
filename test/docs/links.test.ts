// Every relative link of README.md, CONTRIBUTING.md and docs/*.md leads somewhere: the file exists, and
// an anchor names a heading (as GitHub makes its id) or an explicit `<a id>` of the target.
import { existsSync } from 'node:fs'
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
