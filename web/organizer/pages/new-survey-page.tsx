import { createModel, signal, useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import type { Community, SurveyInput } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Async, Problem } from '../components/problem'
import { errorAt } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { resource } from '../models/resource'

const blank = ''

const NewSurvey = createModel((cid: string) => ({
  templates: resource(() => api.listTemplates()),
  choice: signal<string>('trust-pulse'),
  title: signal(''),
  create: mutation((input: SurveyInput) => api.createSurvey(cid, input)),
}))

export default function NewSurveyPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Create community={c} />}</CommunityScope>
}

/** Start a survey from a template (questions worded for this project) or from scratch. */
function Create({ community }: { community: Community }) {
  const m = useModel(() => new NewSurvey(community.id))
  const { route } = useLocation()
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    const input: SurveyInput =
      m.choice.value === blank
        ? {
            title: m.title.value.trim() || 'Untitled survey',
            questions: [{ kind: 'likert5', prompt: 'Write your first statement here' }],
          }
        : { template: m.choice.value }
    const survey = await m.create.run(input)
    if (survey) route(`/surveys/${survey.id}`)
  }
  const error = m.create.error.value
  return (
    <Page
      title="New survey"
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: surveys`, href: `/communities/${community.id}/surveys` },
      ]}
    >
      <form class="form" onSubmit={onSubmit}>
        {error && <Problem error={error} />}
        <Async of={m.templates} label="Loading templates…">
          {(templates) => (
            <fieldset class="group">
              <legend>Start from</legend>
              {templates.map((t) => (
                <div class="choice-row choice-card" key={t.id}>
                  <input
                    type="radio"
                    name="start"
                    id={`tpl-${t.id}`}
                    checked={m.choice.value === t.id}
                    onChange={() => (m.choice.value = t.id)}
                    aria-describedby={`tpl-${t.id}-hint`}
                  />
                  <label for={`tpl-${t.id}`}>{t.title}</label>
                  <p class="hint" id={`tpl-${t.id}-hint`}>
                    {t.description} ({t.questions.length} questions)
                  </p>
                </div>
              ))}
              <div class="choice-row choice-card">
                <input
                  type="radio"
                  name="start"
                  id="tpl-blank"
                  checked={m.choice.value === blank}
                  onChange={() => (m.choice.value = blank)}
                  aria-describedby="tpl-blank-hint"
                />
                <label for="tpl-blank">Blank survey</label>
                <p class="hint" id="tpl-blank-hint">
                  Starts with one question for you to rewrite.
                </p>
              </div>
            </fieldset>
          )}
        </Async>
        {m.choice.value === blank && (
          <Field
            id="new-title"
            label="Title"
            value={m.title}
            required
            error={errorAt(m.create.fieldErrors.value, 'title')}
          />
        )}
        <p class="hint">You can change every question before the first pulse opens.</p>
        <div class="actions">
          <button type="submit" disabled={m.create.pending}>
            {m.create.pending.value ? 'Creating…' : 'Create and edit'}
          </button>
        </div>
      </form>
    </Page>
  )
}
