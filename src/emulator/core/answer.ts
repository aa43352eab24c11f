// An answer as a provider API writes it: plain text and headers, written with one writeHead and one end.
import type { ServerResponse } from 'node:http'

/** An answer as it goes on the wire: no Content-Type header unless `contentType` is given. */
export interface Answer {
  readonly status: number
  readonly body: string
  readonly contentType?: string | undefined
  /** Further headers, lower-case names. */
  readonly headers?: Readonly<Record<string, string>>
}

export const TEXT = 'text/plain'

/** Marks an answer that must not be written (the connection was dropped or left hanging). */
export const GONE: Answer = { status: 499, body: '' }

/** What nginx in front of a failing gateway answers. */
export function errorPage(title: string, status: number): string {
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** Writes an answer unless one was written already or the connection is gone; `cors` adds the allow-origin header. */
export function writeAnswer(res: ServerResponse, answer: Answer, cors: boolean): void {
  if (res.headersSent || res.destroyed) return
  const headers: Record<string, string | number> = answer.headers ? { ...answer.headers } : {}
  if (answer.contentType !== undefined) headers['content-type'] = answer.contentType
  if (cors) headers['access-control-allow-origin'] = '*'
  // A `transfer-encoding: chunked` answer (IIS sends them) goes without a length; Node chunks it.
  if (answer.status !== 204 && headers['transfer-encoding'] === undefined) headers['content-length'] = Buffer.byteLength(answer.body)
  res.writeHead(answer.status, headers)
  res.end(answer.status === 204 ? undefined : answer.body)
}
