import { createModel, signal, useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import { blankQuestion } from '../../../api/surveys/placeholder'
import * as api from '../api'
import type { Community, SurveyInput, Template } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Async, Problem } from '../components/problem'
import { revealHeading } from '../components/reveal'
import { SurveyPreview } from '../components/survey-preview'
import { errorAt } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { templateDrafts } from '../models/question-outline'
import { resource } from '../models/resource'

const blank = ''

const NewSurvey = createModel((cid: string) => ({
  templates: resource(() => api.listTemplates()),
  choice: signal<string>('trust-pulse'),
  title: signal(''),
  /** The template whose questions are shown read-only below the form, if any. */
  previewing: signal<string | null>(null),
  previewValues: signal<Record<string, unknown>>({}),
  create: mutation((input: SurveyInput) => api.createSurvey(cid, input)),
}))

export default function NewSurveyPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Create community={c} />}</CommunityScope>
}

/** Start a survey from a template (questions worded for this project) or from scratch. */
function Create({ community }: { community: Community }) {
  const m = useModel(() => new NewSurvey(community.id))
  const { route } = useLocation()
  const create = async (input: SurveyInput) => {
    const survey = await m.create.run(input)
    if (survey) route(`/surveys/${survey.id}`)
  }
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void create(
      m.choice.value === blank
        ? { title: m.title.value.trim() || 'Untitled survey', questions: [blankQuestion] }
        : { template: m.choice.value },
    )
  }
  const preview = (id: string) => {
    m.previewing.value = m.previewing.value === id ? null : id
    if (m.previewing.value) revealHeading('preview-heading')
  }
  const hidePreview = (id: string) => {
    m.previewing.value = null
    requestAnimationFrame(() => document.getElementById(`tpl-${id}-preview`)?.focus())
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
                  <p class="choice-card-tools">
                    <button
                      type="button"
                      id={`tpl-${t.id}-preview`}
                      class="button-secondary button-small"
                      aria-expanded={m.previewing.value === t.id}
                      aria-controls="template-preview"
                      onClick={() => preview(t.id)}
                    >
                      {m.previewing.value === t.id ? 'Hide questions' : 'Preview questions'}
                      <span class="visually-hidden"> of {t.title}</span>
                    </button>
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
      <div id="template-preview">
        {m.previewing.value && m.templates.data.value && (
          <TemplatePreview
            template={m.templates.data.value.find((t) => t.id === m.previewing.value)!}
            values={m.previewValues}
            pending={m.create.pending.value}
            onCreate={(t) => void create({ template: t.id })}
            onHide={hidePreview}
          />
        )}
      </div>
    </Page>
  )
}

/** A template's questions, read-only, as members will see them; creating from it is one click. */
function TemplatePreview(props: {
  template: Template
  values: Parameters<typeof SurveyPreview>[0]['values']
  pending: boolean
  onCreate: (t: Template) => void
  onHide: (id: string) => void
}) {
  const t = props.template
  return (
    <SurveyPreview
      heading={`Questions of “${t.title}”`}
      title={t.title}
      description={t.description}
      questions={templateDrafts(t.questions)}
      values={props.values}
      readOnly
    >
      <button type="button" disabled={props.pending} onClick={() => props.onCreate(t)}>
        Create from this template
      </button>
      <button type="button" class="button-secondary" onClick={() => props.onHide(t.id)}>
        Hide preview
      </button>
    </SurveyPreview>
  )
}
