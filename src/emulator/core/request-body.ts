// Reading a request's body, within a size limit.
import type { IncomingMessage } from 'node:http'
import { type Answer, errorPage } from './answer.js'

/** Largest body read, in bytes; longer bodies are cut there. */
export const BODY_LIMIT = 1_048_576

/** A body-less request (no Content-Length, no Transfer-Encoding) needs no reading at all. */
export function hasBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** What readBody answers for a body over the limit: reading stopped there. */
export const TOO_LARGE = Symbol('too large')

/** Reads the body; one over `limit` (declared, or as it arrives) is not read further. */
export function readBody(req: IncomingMessage, limit: number, done: (body: Uint8Array | undefined | typeof TOO_LARGE) => void): void {
  if (Number(req.headers['content-length']) > limit) return done(TOO_LARGE)
  const chunks: Buffer[] = []
  let size = 0
  const onData = (chunk: Buffer) => {
    size += chunk.byteLength
    if (size <= limit) return void chunks.push(chunk)
    req.off('data', onData)
    req.off('end', onEnd)
    done(TOO_LARGE)
  }
  const onEnd = () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))
  req.on('data', onData)
  req.once('end', onEnd)
  req.once('error', () => done(undefined))
}

/** What nginx in front of the gateways answers a body over its client_max_body_size. */
export const TOO_LARGE_ANSWER: Answer = { status: 413, body: errorPage('Request Entity Too Large', 413), contentType: 'text/html' }
