import { createPulseRequest, scheduleRequest } from '../routes/pulses'
import type { Operation } from './operation'

/** The routes of api/routes/pulses.ts: opening, closing, sharing pulses; a survey's schedule. */
export const pulseOperations: Record<string, Operation> = {
  'POST /api/surveys/:sid/pulses': {
    summary: 'Open or schedule a pulse',
    auth: 'session',
    ok: '201 `pulse`',
    body: createPulseRequest,
    errors: [409],
  },
  'GET /api/surveys/:sid/pulse-preview': {
    summary: 'What a pulse opened now would be cut by: joined members and cohorts',
    auth: 'session',
    ok: '200 `{ eligible, joined, attributes, cohorts: [{ cohort, eligible, joined }], cutBy }`',
    errors: [422],
  },
  'GET /api/surveys/:sid/pulses': {
    summary: "A survey's pulses",
    auth: 'session',
    ok: '200 `[pulse]`',
  },
  'GET /api/pulses/:pid': { summary: 'One pulse', auth: 'session', ok: '200 `pulse`' },
  'POST /api/pulses/:pid/close': {
    summary: 'Close a pulse now',
    auth: 'session',
    ok: '200 `pulse`',
    errors: [409],
  },
  'POST /api/pulses/:pid/share': {
    summary: "Share a closed pulse's results with members",
    auth: 'session',
    ok: '200 `pulse`',
    errors: [409],
  },
  'DELETE /api/pulses/:pid/share': {
    summary: 'Stop sharing results with members',
    auth: 'session',
    ok: '200 `pulse`',
  },
  'DELETE /api/pulses/:pid': {
    summary: 'Delete an accidental pulse: scheduled, skipped, or closed with nobody counted',
    auth: 'session',
    ok: '204 deleted',
    errors: [409],
  },
  'GET /api/surveys/:sid/schedule': {
    summary: "A survey's schedule",
    auth: 'session',
    ok: '200 `schedule`',
  },
  'PUT /api/surveys/:sid/schedule': {
    summary: 'Set the schedule',
    auth: 'session',
    ok: '200 `schedule`',
    body: scheduleRequest,
  },
  'DELETE /api/surveys/:sid/schedule': {
    summary: 'Drop the schedule',
    auth: 'session',
    ok: '204 dropped',
  },
}
