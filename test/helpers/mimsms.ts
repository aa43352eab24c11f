// Test helpers for MiM SMS: the demo account and one request sent in each body encoding real clients use.

export const MIMSMS_DEMO = { api_key: 'demo-api-key', username: 'demo', password: 'demo-password', senderid: 'DEMO' } as const

/** How the parameters travel: GET query, form POST, multipart POST, JSON POST, POST with the query and an empty body. */
export const shapes = ['query', 'form', 'multipart', 'json', 'query-post'] as const
export type Shape = (typeof shapes)[number]

export interface Answer {
  readonly status: number
  readonly text: string
  readonly contentType: string | null
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') }
}

export async function call(base: string, path: string, params: Record<string, string>, shape: Shape = 'query'): Promise<Answer> {
  const query = new URLSearchParams(params).toString()
  switch (shape) {
    case 'query':
      return answer(await fetch(`${base}${path}?${query}`))
    case 'query-post':
      return answer(await fetch(`${base}${path}?${query}`, { method: 'POST' }))
    case 'form':
      return answer(await fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(params) }))
    case 'multipart': {
      const form = new FormData()
      for (const [name, value] of Object.entries(params)) form.append(name, value)
      return answer(await fetch(`${base}${path}`, { method: 'POST', body: form }))
    }
    case 'json':
      return answer(await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }))
  }
}

/** POSTs a JSON value as the body. */
export async function postJson(base: string, path: string, body: unknown): Promise<Answer> {
  return answer(await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
}

export async function get(base: string, path: string): Promise<Answer> {
  return answer(await fetch(`${base}${path}`))
}

/** The shoot id of a successful submission answer, in either form. */
export function shootIdOf(text: string): string {
  const match = /^(?:SMS SUBMITTED: ID - |1000, )([0-9A-Za-z]+)$/.exec(text)
  if (!match?.[1]) throw new Error(`Not a submission receipt: ${JSON.stringify(text)}`)
  return match[1]
}
