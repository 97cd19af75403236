import { useModel, useSignal } from '@preact/signals'
import { useLocation } from 'preact-iso'
import type { Community } from '../api-types'
import { SurveyScope } from '../components/survey-scope'
import { DesignerQuestions } from '../components/designer-questions'
import { DuplicateSurvey } from '../components/duplicate-survey'
import { Field } from '../components/field'
import { FollowUpsPreview } from '../components/follow-ups-preview'
import { Page, Section } from '../components/page'
import { Problem, Status } from '../components/problem'
import { revealHeading } from '../components/reveal'
import { SurveyPreview } from '../components/survey-preview'
import { can } from '../models/communities'
import { DesignerModel, type Designer } from '../models/designer-model'
import { unplacedErrors } from '../models/field-errors'

/** The survey designer at /surveys/:sid. */
export default function DesignerPage({ params }: { params: { sid: string } }) {
  const m = useModel(() => new DesignerModel(params.sid))
  return (
    <SurveyScope survey={m.survey}>
      {(_, community) => <DesignerForm m={m} community={community} />}
    </SurveyScope>
  )
}

function DesignerForm({ m, community }: { m: Designer; community: Community }) {
  const { route } = useLocation()
  const preview = useSignal(false)
  const editable = can(community.role, 'organizer')
  const survey = m.survey.data.value!
  const surveyErrors = m.errors.value.survey
  const saveError = m.save.error.value
  const unplaced = unplacedErrors(saveError?.errors, ['title', 'description', 'questions'])

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (await m.submit()) return
    requestAnimationFrame(() =>
      (document.querySelector('.designer [aria-invalid="true"]') as HTMLElement | null)?.focus(),
    )
  }
  // The preview opens below the whole form: bring it into view and put focus on its heading.
  const togglePreview = () => {
    preview.value = !preview.value
    if (preview.value) revealHeading('preview-heading')
  }
  const hidePreview = () => {
    preview.value = false
    requestAnimationFrame(() => document.getElementById('preview-toggle')?.focus())
  }
  const onArchive = async () => {
    const sure = confirm(
      `Archive “${survey.title}”? It leaves the survey list and no new pulses can open; closed pulses stay readable in reports.`,
    )
    if (sure && (await m.archiveSurvey())) route(`/communities/${community.id}/surveys`, true)
  }

  return (
    <Page
      title={editable ? `Design: ${survey.title}` : survey.title}
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: surveys`, href: `/communities/${community.id}/surveys` },
      ]}
    >
      {survey.archived && (
        <p class="notice">
          This survey is archived: it is not in the survey list and opens no new pulses.
        </p>
      )}
      <div class="page-links">
        <a href={`/surveys/${survey.id}/pulses`}>Pulses of this survey</a>
        {editable && !m.locked.value && <DuplicateSurvey m={m} />}
      </div>
      <form class="form designer" onSubmit={onSubmit} noValidate>
        {saveError &&
          saveError.status !== 409 &&
          (saveError.status !== 422 || unplaced.length > 0) && (
            <Problem error={saveError} lines={unplaced} />
          )}
        <fieldset class="group" disabled={!editable}>
          <legend>About this survey</legend>
          <Field
            id="survey-title"
            label="Title"
            value={m.title}
            onValue={(v) => ((m.title.value = v), m.touch())}
            required
            error={surveyErrors.title}
          />
          <Field
            id="survey-description"
            label="Description"
            multiline
            value={m.description}
            onValue={(v) => ((m.description.value = v), m.touch())}
            hint="Optional. Members see it above the questions."
            error={surveyErrors.description}
          />
        </fieldset>
        <DesignerQuestions m={m} editable={editable} />
        {editable && (
          <div class="actions sticky-actions">
            <button type="submit" disabled={m.save.pending}>
              {m.save.pending.value ? 'Saving…' : 'Save survey'}
            </button>
            <button
              type="button"
              id="preview-toggle"
              class="button-secondary"
              aria-expanded={preview.value}
              aria-controls="preview"
              onClick={togglePreview}
            >
              {preview.value ? 'Hide preview' : 'Preview'}
            </button>
            {m.dirty.value && <span class="unsaved">Unsaved changes</span>}
          </div>
        )}
        <Status message={m.status.value} />
      </form>
      <div id="preview">
        {(preview.value || !editable) && (
          <SurveyPreview
            title={m.title.value}
            description={m.description.value}
            questions={m.questions.value}
            values={m.previewValues}
          >
            {editable && (
              <button type="button" class="button-secondary" onClick={hidePreview}>
                Hide preview
              </button>
            )}
          </SurveyPreview>
        )}
      </div>
      {!survey.archived && <FollowUpsPreview sid={survey.id} cid={community.id} />}
      {editable && !survey.archived && (
        <Section title="Archive survey">
          <p>
            Archived surveys leave the list and open no new pulses. Reports of closed pulses stay
            readable.
          </p>
          {m.archive.error.value && <Problem error={m.archive.error.value} />}
          <button
            type="button"
            class="button-danger"
            onClick={onArchive}
            disabled={m.archive.pending}
          >
            Archive survey
          </button>
        </Section>
      )}
    </Page>
  )
}
