// `npm run build`: tsc compiles src/ into dist/ (the package's exports and their types), then esbuild
// bundles the command's start, dist/cli.js, over tsc's copy: Node 20 loads one file and a dozen chunks
// instead of ~90 modules, which was most of `sms-emulator start`'s own start-up. The control API and the
// other lazily loaded pieces stay chunks (dist/chunks/), loaded when used; the other commands stay tsc's
// modules (dist/cli/*.js), each run in a process of its own. docs/decisions.md, "The command is bundled".
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

/** Packages that stay imports: a native module, and the CA's X.509 library with its global polyfill. */
const EXTERNAL = ['better-sqlite3', '@peculiar/x509', 'reflect-metadata']

/** The command table's other commands (src/cli/main.ts imports each when run): tsc's modules, not bundled. */
const otherCommands = {
  name: 'other-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, ({ path, importer, kind }) =>
      kind === 'dynamic-import' && importer.endsWith(join('src', 'cli', 'main.ts')) && path !== './start.js' ? { path: `./cli/${path.slice(2)}`, external: true } : undefined,
    )
  },
}

/** Builds dist/ in the package folder `root`. */
export async function build(root) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
  const { build: bundle } = await import('esbuild')
  rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true })
  await bundle({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    external: EXTERNAL,
    plugins: [otherCommands],
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build(join(fileURLToPath(import.meta.url), '..', '..'))
