import { computed, createModel, signal, useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import type { Action, ActionStatus, Community, Survey } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { Field, FieldError } from '../components/field'
import { Page } from '../components/page'
import { Async, Problem } from '../components/problem'
import {
  dimensionsOf,
  formOf,
  inputOf,
  prefill,
  statusLabels,
  statuses,
  type ActionForm,
} from '../models/actions-model'
import { errorAt, unplacedErrors } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { resource } from '../models/resource'
import '../../styles/actions.css'

const ActionFormModel = createModel((cid: string, initial: ActionForm, action?: Action) => {
  const form = signal(initial)
  const surveys = resource(() => api.listSurveys(cid))
  const survey = computed(() => surveys.data.value?.find((s) => s.id === form.value.surveyId))
  const save = mutation(() =>
    action
      ? api.updateAction(action.id, inputOf(form.value))
      : api.createAction(cid, inputOf(form.value)),
  )
  const set = <K extends keyof ActionForm>(key: K, value: ActionForm[K]) => {
    // Another survey has other questions and dimensions: what was chosen of the last one goes.
    const reset = key === 'surveyId' ? { questionId: '', dimension: '' } : {}
    form.value = { ...form.value, ...reset, [key]: value }
  }
  return { form, surveys, survey, save, set }
})
type Model = InstanceType<typeof ActionFormModel>

const OneAction = createModel((aid: string) => ({ action: resource(() => api.getAction(aid)) }))

/** A new action at /communities/:cid/actions/new, prefilled from a report's link. */
export function NewActionPage({ params }: { params: { cid: string } }) {
  const { query } = useLocation()
  return (
    <CommunityScope cid={params.cid}>
      {(c) => <ActionFormView community={c} initial={prefill(query)} />}
    </CommunityScope>
  )
}

/** Editing an action at /actions/:aid/edit. */
export function EditActionPage({ params }: { params: { aid: string } }) {
  const m = useModel(() => new OneAction(params.aid))
  return (
    <Async of={m.action} label="Loading the action…">
      {(action) => (
        <CommunityScope cid={action.communityId}>
          {(c) => <ActionFormView community={c} initial={formOf(action)} action={action} />}
        </CommunityScope>
      )}
    </Async>
  )
}

function ActionFormView(props: { community: Community; initial: ActionForm; action?: Action }) {
  const { community, action } = props
  const m = useModel(() => new ActionFormModel(community.id, props.initial, action))
  const { route } = useLocation()
  const list = `/communities/${community.id}/actions`
  const errors = m.save.fieldErrors.value
  const error = m.save.error.value
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (await m.save.run()) route(list)
  }
  const shown = ['surveyId', 'questionId', 'dimension', 'group', 'title', 'plan', 'status']
  return (
    <Page
      title={action ? `Edit: ${action.title}` : 'New action'}
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: actions`, href: list },
      ]}
      intro="What did members say, and what will change because of it? Members see the action, unless it is a draft, with the updates you add."
    >
      <form class="form action-form" onSubmit={onSubmit} noValidate>
        {error && (
          <Problem
            error={error}
            lines={unplacedErrors(error.errors, [...shown, 'targetDate', 'startedOn', 'endedOn'])}
          />
        )}
        <fieldset class="group">
          <legend>What members said</legend>
          <Async of={m.surveys} label="Loading surveys…">
            {(surveys) => <HeardFields m={m} community={community} surveys={surveys} />}
          </Async>
        </fieldset>
        <Field
          id="action-title"
          label="Title"
          required
          value={m.form.value.title}
          onValue={(v) => m.set('title', v)}
          hint="Short and concrete, e.g. “Rotate who chairs the weekly meeting”. The follow-up question names it."
          error={errorAt(errors, 'title')}
        />
        <Field
          id="action-plan"
          label="What will change"
          multiline
          value={m.form.value.plan}
          onValue={(v) => m.set('plan', v)}
          error={errorAt(errors, 'plan')}
        />
        <div class="field-row">
          <div class="field">
            <label for="action-status">Status</label>
            <select
              id="action-status"
              value={m.form.value.status}
              aria-describedby={
                errors.status || errors.startedOn || errors.endedOn
                  ? 'action-status-error'
                  : undefined
              }
              onChange={(e) => m.set('status', e.currentTarget.value as ActionStatus)}
            >
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
            <FieldError
              id="action-status"
              error={errors.status ?? errors.startedOn ?? errors.endedOn}
            />
          </div>
          <Field
            id="action-target"
            label="Target date (optional)"
            type="date"
            value={m.form.value.targetDate}
            onValue={(v) => m.set('targetDate', v)}
            error={errorAt(errors, 'targetDate')}
          />
        </div>
        <div class="choice-row">
          <input
            type="checkbox"
            id="action-draft"
            checked={m.form.value.draft}
            aria-describedby="action-draft-hint"
            onChange={(e) => m.set('draft', e.currentTarget.checked)}
          />
          <label for="action-draft">Draft</label>
          <p class="hint" id="action-draft-hint">
            Keep it from members for now. A draft gets no follow-up question either.
          </p>
        </div>
        <div class="actions">
          <button type="submit" disabled={m.save.pending}>
            {m.save.pending.value ? 'Saving…' : action ? 'Save the action' : 'Create the action'}
          </button>
          <a href={list}>Cancel</a>
        </div>
      </form>
    </Page>
  )
}

/** The survey, and optionally the question, dimension and group the action answers. */
function HeardFields({
  m,
  community,
  surveys,
}: {
  m: Model
  community: Community
  surveys: Survey[]
}) {
  const errors = m.save.fieldErrors.value
  const form = m.form.value
  const survey = m.survey.value
  const pick = (
    id: string,
    label: string,
    value: string,
    key: keyof ActionForm,
    options: [string, string][],
    error?: string,
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => m.set(key, e.currentTarget.value as never)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  )
  return (
    <>
      {pick(
        'action-survey',
        'Survey',
        form.surveyId,
        'surveyId',
        [['', 'Choose a survey'], ...surveys.map((s): [string, string] => [s.id, s.title])],
        errorAt(errors, 'surveyId'),
      )}
      {survey && (
        <>
          {pick(
            'action-question',
            'Question (optional)',
            form.questionId,
            'questionId',
            [
              ['', 'No one question'],
              ...survey.questions.map((q, i): [string, string] => [q.id, `Q${i + 1}. ${q.prompt}`]),
            ],
            errorAt(errors, 'questionId'),
          )}
          {dimensionsOf(survey.questions).length > 0 &&
            pick(
              'action-dimension',
              'Dimension (optional)',
              form.dimension,
              'dimension',
              [
                ['', 'No one dimension'],
                ...dimensionsOf(survey.questions).map((d): [string, string] => [d, d]),
              ],
              errorAt(errors, 'dimension'),
            )}
        </>
      )}
      {community.attributes.length > 0 && (
        <div class="field-row">
          {pick(
            'action-group-attribute',
            'Group (optional)',
            form.groupAttribute,
            'groupAttribute',
            [['', 'Everyone'], ...community.attributes.map((a): [string, string] => [a, a])],
            errorAt(errors, 'group'),
          )}
          {form.groupAttribute && (
            <Field
              id="action-group-value"
              label={`Which ${form.groupAttribute}`}
              value={form.groupValue}
              onValue={(v) => m.set('groupValue', v)}
              hint="As the report names the group."
            />
          )}
        </div>
      )}
    </>
  )
}
