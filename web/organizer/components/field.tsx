import type { Signal } from '@preact/signals'
import type { ComponentChildren, JSX } from 'preact'
import { describedBy, errorId, hintId } from '../models/field-errors'

interface FieldProps {
  id: string
  label: ComponentChildren
  /** A signal the input reads and writes, or a plain value with `onValue`. */
  value: Signal<string> | string
  onValue?: (value: string) => void
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'datetime-local' | 'date'
  hint?: ComponentChildren
  error?: string
  required?: boolean
  disabled?: boolean
  autoComplete?: string
  min?: number
  max?: number
  step?: number | 'any'
  minLength?: number
  list?: string
  multiline?: boolean
  class?: string
  inputMode?: 'numeric' | 'decimal' | 'email'
}

/**
 * A labelled input with its hint and error tied to it through aria-describedby; the error
 * also sets aria-invalid. Multiline renders a textarea.
 */
export function Field(props: FieldProps) {
  const { id, label, value, hint, error } = props
  const write = (v: string) => {
    if (props.onValue) props.onValue(v)
    else if (typeof value !== 'string') value.value = v
  }
  const shared = {
    id,
    value,
    required: props.required,
    disabled: props.disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, !!hint, !!error),
    onInput: (e: Event) => write((e.currentTarget as HTMLInputElement).value),
  }
  // Preact's input types are keyed by `type`; this one component serves several types.
  const inputProps = {
    ...shared,
    type: props.type ?? 'text',
    autoComplete: props.autoComplete,
    min: props.min,
    max: props.max,
    step: props.step,
    minLength: props.minLength,
    list: props.list,
    inputMode: props.inputMode,
  }
  return (
    <div class={`field ${props.class ?? ''}`.trim()}>
      <label for={id}>
        {label}
        {props.required && <span class="required-mark"> (required)</span>}
      </label>
      {hint && (
        <p class="hint" id={hintId(id)}>
          {hint}
        </p>
      )}
      {props.multiline ? (
        <textarea {...shared} rows={3} />
      ) : (
        <input {...(inputProps as JSX.IntrinsicElements['input'])} />
      )}
      <FieldError id={id} error={error} />
    </div>
  )
}

/** The error line of a field (rendered empty-free: nothing when there is no error). */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null
  return (
    <p class="field-error" id={errorId(id)}>
      {error}
    </p>
  )
}
