import type { SettingsDraft } from '../models/community-settings'
import { defaults, floors } from '../models/community-settings'
import { Field } from './field'

interface Props {
  draft: SettingsDraft
  errors: Record<string, string>
  disabled: boolean
  onEdit: (patch: Partial<SettingsDraft>) => void
}

/** Group sizes and privacy mode, each with its floor or effect explained in plain words. */
export function PrivacyFields({ draft, errors, disabled, onEdit }: Props) {
  const k = Number(draft.minGroupSize) || floors.minGroupSize
  return (
    <>
      <fieldset class="group" disabled={disabled}>
        <legend>Smallest groups</legend>
        <Field
          id="min-group-size"
          label="Smallest group for scores (k)"
          type="number"
          inputMode="numeric"
          min={floors.minGroupSize}
          step={1}
          value={draft.minGroupSize}
          onValue={(v) => onEdit({ minGroupSize: v })}
          error={errors.minGroupSize}
          hint={`Numbers are shown only for groups with at least this many respondents; smaller groups are hidden, and so is anything that could be worked out from what is shown. It cannot be below ${floors.minGroupSize}: in a group of two, each person could subtract their own answer and read the other's. Default ${defaults.minGroupSize}.`}
        />
        <Field
          id="min-comment-group-size"
          label="Smallest pulse for comments"
          type="number"
          inputMode="numeric"
          min={Math.max(floors.minCommentGroupSize, k)}
          step={1}
          value={draft.minCommentGroupSize}
          onValue={(v) => onEdit({ minCommentGroupSize: v })}
          error={errors.minCommentGroupSize}
          hint={`Written comments are shown only when at least this many people responded to the pulse. Wording can give a writer away, so this floor is higher: at least ${floors.minCommentGroupSize}, and never below the smallest group for scores. Default ${defaults.minCommentGroupSize}.`}
        />
      </fieldset>
      <fieldset class="group" disabled={disabled}>
        <legend>Privacy mode</legend>
        <div class="choice-row">
          <input
            type="radio"
            id="mode-threshold"
            name="privacy-mode"
            checked={draft.privacyMode === 'threshold'}
            onChange={() => onEdit({ privacyMode: 'threshold' })}
            aria-describedby="mode-threshold-hint"
          />
          <label for="mode-threshold">Thresholds only</label>
          <p class="hint" id="mode-threshold-hint">
            Exact numbers for every group that is large enough; smaller groups are hidden.
          </p>
        </div>
        <div class="choice-row">
          <input
            type="radio"
            id="mode-noise"
            name="privacy-mode"
            checked={draft.privacyMode === 'noise'}
            onChange={() => onEdit({ privacyMode: 'noise' })}
            aria-describedby="mode-noise-hint"
          />
          <label for="mode-noise">Thresholds and noise</label>
          <p class="hint" id="mode-noise-hint">
            Also adds a little random noise to every released count, once, when a pulse closes. Then
            even someone who knows how everyone else answered cannot be sure of the last person's
            answer. Totals may be off by a few.
          </p>
        </div>
        {draft.privacyMode === 'noise' && (
          <Field
            id="epsilon"
            label="Privacy budget ε (epsilon)"
            type="number"
            inputMode="decimal"
            min={0.01}
            step="any"
            value={draft.epsilon}
            onValue={(v) => onEdit({ epsilon: v })}
            error={errors.epsilon}
            hint={`Smaller ε means more noise and stronger privacy; larger ε means more exact numbers. ${defaults.epsilon} is a sound start; below 0.5 small groups become hard to read.`}
          />
        )}
      </fieldset>
    </>
  )
}
