import { expect, test } from 'vitest'
import { openApiDocument } from '../../src/contracts/kit/openapi.js'
import { providerContracts } from '../../src/contracts/kit/registry.js'
import { createState, silentLogger } from '../../src/emulator/core/state.js'
import { providers } from '../../src/emulator/server.js'
import { testEmulator } from '../helpers/emulator.js'
import { validateOpenApi as validate } from '../helpers/openapi.js'

type Document = { servers?: { url: string }[]; paths: Record<string, Record<string, unknown>> }

test.each(Object.values(providerContracts))('the OpenAPI document of $provider is valid OpenAPI 3.1', async (contract) => {
  const document = openApiDocument(contract, { serverUrl: 'http://127.0.0.1:7788' })
  expect(await validate(document)).toEqual({ valid: true, errors: undefined })
  expect(document.openapi).toBe('3.1.0')
})

test('every provider the emulator serves carries its contract', () => {
  for (const provider of providers) expect(provider.contract?.provider, provider.name).toBe(provider.name)
})

test.each(providers.map((provider) => [provider.name, provider] as const))('every route the %s emulator serves is in its OpenAPI document, and every documented route is served', (_name, provider) => {
  const state = createState({ providers, log: silentLogger })
  try {
    const served = provider
      .createApp(state)
      .routes.filter((route) => route.method !== 'ALL' && route.path !== '/openapi.json')
      .map((route) => `${route.method} ${route.path.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`)
    if (!provider.contract) throw new Error(`${provider.name} carries no contract`)
    const document = openApiDocument(provider.contract) as Document
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    expect(served.length).toBeGreaterThan(0)
    expect(documented.filter((route) => !served.includes(route))).toEqual([])
    expect(served.filter((route) => !documented.includes(route))).toEqual([])
  } finally {
    state.close()
  }
})

test('each provider port serves its OpenAPI document at /openapi.json, naming the emulator as first server', async () => {
  const emu = await testEmulator()
  for (const provider of providers) {
    const url = emu.urls[provider.name as keyof typeof emu.urls]
    const res = await fetch(`${url}/openapi.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const document = (await res.json()) as Document & Record<string, unknown>
    expect(document.servers?.[0]?.url).toBe(url)
    expect(await validate(document)).toEqual({ valid: true, errors: undefined })
  }
  expect(emu.journal()).toEqual([])
})
