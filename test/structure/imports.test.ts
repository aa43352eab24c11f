// The project's structure rules that the linter does not see: imports in src/ run one way (no cycle,
// type imports included), and no module grows past 400 lines.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const SRC = resolve('src')

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const files = sourceFiles(SRC)
const known = new Set(files)

/** The project files a module imports: static, type-only, re-exports and dynamic imports alike. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  )
  return targets.flatMap((target) => {
    const base = resolve(dirname(file), target).replace(/\.js$/, '')
    const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => known.has(candidate))
    return found ? [found] : []
  })
}

const graph = new Map(files.map((file) => [file, importsOf(file)]))

/** Strongly connected components with more than one module (or a module importing itself): Tarjan. */
function cycles(): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string) => {
    index.set(file, counter)
    low.set(file, counter)
    counter++
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0))
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = []
      let member: string | undefined
      do {
        member = stack.pop() as string
        onStack.delete(member)
        component.push(member)
      } while (member !== file)
      if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.map((path) => relative(SRC, path)).sort())
    }
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return found
}

test('the import walk sees the project: every module is read, and imports resolve', () => {
  expect(files.length).toBeGreaterThan(50)
  expect(graph.get(join(SRC, 'cli.ts'))).toContain(join(SRC, 'cli', 'main.ts'))
})

test('the cycle finder finds a cycle: two modules importing each other', () => {
  const saved = new Map(graph)
  const [a, b] = [join(SRC, 'cli.ts'), join(SRC, 'cli', 'main.ts')]
  graph.set(b, [...(graph.get(b) ?? []), a])
  try {
    expect(cycles()).toContainEqual(['cli.ts', 'cli/main.ts'])
  } finally {
    graph.clear()
    for (const [file, imports] of saved) graph.set(file, imports)
  }
})

test('imports in src/ run one way: no module imports one that imports it back, type imports included', () => {
  expect(cycles()).toEqual([])
})

test('no module in src/ is longer than 400 lines', () => {
  const long = files.map((file) => [relative(SRC, file), readFileSync(file, 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 400)
  expect(long).toEqual([])
})
