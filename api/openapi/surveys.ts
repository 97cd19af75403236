import { createSurveyRequest, patchSurveyRequest } from '../routes/surveys'
import type { Operation } from './operation'

/** The routes of api/routes/surveys.ts: templates and surveys. */
export const surveyOperations: Record<string, Operation> = {
  'GET /api/templates': {
    summary: 'The survey templates',
    auth: 'none',
    ok: '200 `[{ id, title, description, questions }]`',
  },
  'POST /api/communities/:cid/surveys': {
    summary: 'Create a survey from questions or a template',
    auth: 'session',
    ok: '201 `survey`',
    body: createSurveyRequest,
  },
  'GET /api/communities/:cid/surveys': {
    summary: "A community's surveys",
    auth: 'session',
    ok: '200 `[survey]`',
  },
  'GET /api/surveys/:sid': {
    summary: 'One survey, with its schedule',
    auth: 'session',
    ok: '200 `survey` + `schedule?` (present when the survey has one)',
  },
  'PATCH /api/surveys/:sid': {
    summary: 'Change a survey (questions only until a pulse opens)',
    auth: 'session',
    ok: '200 `survey`',
    body: patchSurveyRequest,
    errors: [409],
  },
  'DELETE /api/surveys/:sid': { summary: 'Archive a survey', auth: 'session', ok: '204 archived' },
  'POST /api/surveys/:sid/copy': {
    summary: 'Copy a survey: same questions under new ids, unlocked, titled "… (copy)"',
    auth: 'session',
    ok: '201 `survey`',
  },
}
