// Body limits over a real Node HTTP server: a declared length is checked before anything is
// read, and a chunked body (no length) is counted while it is read.
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp } from '../../helpers/app'

const MiB = 1024 * 1024
const test = suite<{ server: ServerType; port: number }>('body limits over HTTP')

test.before(async (context) => {
  const { app } = await testApp()
  await new Promise<void>((started) => {
    context.server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => started())
  })
  context.port = (context.server.address() as AddressInfo).port
})
test.after(({ server }) => void server.close())

/** POSTs `chunks` to /api/session, with a content-length unless `chunked`; resolves status and body. */
function post(port: number, chunks: string[], chunked: boolean) {
  return new Promise<{ status: number; body: string }>((done, fail) => {
    const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0)
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/session',
        headers: {
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(length) }),
        },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d) => (body += d))
        res.on('end', () => done({ status: res.statusCode!, body }))
      },
    )
    // The server may answer and close before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : fail(error),
    )
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

const login = JSON.stringify({ email: 'nobody@example.org', password: 'not the password' })

test('a body within the limit reaches the route, with or without a declared length', async ({
  port,
}) => {
  for (const chunked of [false, true]) {
    const res = await post(port, [login], chunked)
    assert.is(res.status, 401, `chunked: ${chunked}`)
    assert.match(res.body, /problem|detail/)
  }
})

test('a declared length over 1 MiB is 413', async ({ port }) => {
  const res = await post(port, ['{"email":"', 'x'.repeat(MiB), '"}'], false)
  assert.is(res.status, 413)
  assert.match(res.body, /larger than 1 MiB/)
})

test('a chunked body over 1 MiB is 413', async ({ port }) => {
  const res = await post(
    port,
    ['{"email":"', ...Array.from({ length: 17 }, () => 'x'.repeat(64 * 1024)), '"}'],
    true,
  )
  assert.is(res.status, 413)
  assert.match(res.body, /larger than 1 MiB/)
})

test.run()
