import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { Agent } from '../../helpers/http'

const test = suite<{ t: TestApp; doc: any }>('openapi')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  const res = await new Agent(ctx.t).get('/api/openapi.json')
  assert.is(res.status, 200, 'served without credentials')
  ctx.doc = res.body
})

const methods = ['get', 'put', 'post', 'patch', 'delete']

/** `GET /api/surveys/{sid}` for every operation the document describes. */
const described = (doc: any) =>
  Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
    Object.keys(item)
      .filter((m) => methods.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  )

test('describes exactly the routes the app has', ({ t, doc }) => {
  const routes = new Set(
    t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
  )
  const listed = new Set(described(doc))
  const missing = [...routes].filter((r) => !listed.has(r))
  const extra = [...listed].filter((r) => !routes.has(r))
  assert.equal(missing, [], `routes missing from api/openapi/index.ts: ${missing.join(', ')}`)
  assert.equal(extra, [], `entries in api/openapi/index.ts without a route: ${extra.join(', ')}`)
  assert.ok(routes.size > 40)
})

test('is OpenAPI 3.1 with security schemes and a problem+json response', ({ doc }) => {
  assert.match(doc.openapi, /^3\.1\.\d+$/)
  assert.type(doc.info.title, 'string')
  assert.equal(Object.keys(doc.components.securitySchemes).sort(), ['memberKey', 'session'])
  assert.equal(doc.components.securitySchemes.memberKey, {
    type: 'http',
    scheme: 'bearer',
    description: doc.components.securitySchemes.memberKey.description,
  })
  assert.ok(doc.components.responses.Problem.content['application/problem+json'].schema)
})

test('every path parameter is declared, required, and no other is', ({ doc }) => {
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    assert.not.match(path, /:/, `${path} is in OpenAPI form`)
    for (const m of methods.filter((m) => item[m])) {
      const declared = (item[m].parameters ?? []).filter((p: any) => p.in === 'path')
      assert.equal(
        declared.map((p: any) => p.name),
        inPath,
        `${m} ${path}`,
      )
      assert.ok(
        declared.every((p: any) => p.required === true),
        `${m} ${path}`,
      )
    }
  }
})

test('every operation has an id, a summary, security, a success and problem failures', ({
  doc,
}) => {
  const ids = new Set<string>()
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const m of methods.filter((m) => item[m])) {
      const op = item[m]
      const where = `${m} ${path}`
      assert.ok(op.summary, where)
      assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`)
      ids.add(op.operationId)
      assert.ok(Array.isArray(op.security), where)
      const statuses = Object.keys(op.responses)
      assert.ok(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${where} has a success`,
      )
      for (const s of statuses.filter((s) => Number(s) >= 400)) {
        assert.equal(op.responses[s], { $ref: '#/components/responses/Problem' }, `${where} ${s}`)
      }
    }
  }
})

test("request schemas are the routes' own zod schemas", ({ doc }) => {
  const op = (path: string, method: string) => doc.paths[path][method]
  const body = (path: string, method: string) =>
    op(path, method).requestBody.content['application/json'].schema
  const setup = body('/api/setup', 'post')
  assert.is(setup.properties.password.minLength, 10)
  assert.ok(setup.required.includes('email'))
  const survey = body('/api/communities/{cid}/surveys', 'post')
  const question = survey.properties.questions.items
  assert.equal(question.properties.kind.enum, [
    'likert5',
    'scale10',
    'yesno',
    'choice',
    'multi',
    'text',
  ])
  assert.ok(question.properties.translations, 'question translations are described')
  assert.ok(op('/api/communities/{cid}/surveys', 'post').responses['422'])
  const limit = op('/api/communities/{cid}/members', 'get').parameters.find(
    (p: any) => p.name === 'limit',
  )
  assert.equal({ in: limit.in, required: limit.required }, { in: 'query', required: false })
  assert.equal(op('/api/me', 'get').security, [{ memberKey: [] }])
  assert.equal(op('/api/surveys/{sid}', 'get').security, [{ session: [] }])
  assert.equal(op('/api/pulses/{pid}/responses', 'post').security, [])
})

test.run()
