import { byQuery, commentsQuery } from '../routes/reports'
import type { Operation } from './operation'

/** The routes of api/routes/reports.ts: reports, comments and trends; a member's results. */
export const reportOperations: Record<string, Operation> = {
  'GET /api/pulses/:pid/report': {
    summary: "A closed pulse's report",
    auth: 'session',
    ok: '200 `report`',
    query: byQuery,
  },
  'GET /api/pulses/:pid/comments': {
    summary: "A closed pulse's released comments",
    auth: 'session',
    ok: '200 `{ comments }`',
    query: commentsQuery,
  },
  'GET /api/surveys/:sid/trend': {
    summary: 'Trend over closed pulses',
    auth: 'session',
    ok: '200 `trend`',
    query: byQuery,
  },
  'GET /api/surveys/:sid/trend.csv': {
    summary: 'Trend as CSV',
    auth: 'session',
    ok: '200 text/csv',
    query: byQuery,
  },
  'GET /api/me/results': {
    summary: 'Results shared with the member',
    auth: 'member',
    ok: '200 `[report]` with `survey`',
  },
  'GET /api/me/results/:pid/comments': {
    summary: "A shared pulse's released comments, for a member of its community",
    auth: 'member',
    ok: '200 `{ released, comments }`',
    query: commentsQuery,
  },
}
