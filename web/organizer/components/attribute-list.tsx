import type { Signal } from '@preact/signals'
import { FieldError } from './field'
import { MoveButtons } from './move-buttons'

interface AttributeListProps {
  attributes: string[]
  newName: Signal<string>
  errors: Record<string, string>
  disabled: boolean
  onAdd: () => void
  onRename: (index: number, name: string) => void
  onMove: (index: number, delta: number) => void
  onRemove: (index: number) => void
}

/** The community's attributes as an ordered list: rename, reorder, remove, add at the end. */
export function AttributeList(props: AttributeListProps) {
  const { attributes, errors, disabled } = props
  const addOnEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    props.onAdd()
  }
  return (
    <fieldset class="group" disabled={disabled}>
      <legend>Attributes, in priority order</legend>
      <p class="hint" id="attributes-hint">
        Attributes describe members, such as team, role or tenure, and come from your member import.
        In priority order they form anonymous cohorts: members are grouped by the first attribute,
        then the next, only while every group keeps at least k people (the smallest group size
        below). Put what matters most for your reports first. Members are never told apart by
        anything finer than their cohort.
      </p>
      {attributes.length === 0 ? (
        <p class="empty">No attributes yet: all members form one group.</p>
      ) : (
        <ol class="ordered-list">
          {attributes.map((name, i) => {
            const id = `attr-${i}`
            const error = errors[`attributes.${i}`]
            return (
              <li key={i} class="ordered-item">
                <label for={id} class="visually-hidden">
                  Attribute {i + 1}
                </label>
                <input
                  id={id}
                  value={name}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onInput={(e) => props.onRename(i, e.currentTarget.value)}
                />
                {!disabled && (
                  <MoveButtons
                    idPrefix="attr"
                    index={i}
                    count={attributes.length}
                    name={name || `attribute ${i + 1}`}
                    onMove={props.onMove}
                    onRemove={props.onRemove}
                    fallbackFocus="attr-new"
                  />
                )}
                <FieldError id={id} error={error} />
              </li>
            )
          })}
        </ol>
      )}
      {!disabled && (
        <div class="add-row">
          <label for="attr-new">New attribute</label>
          <input
            id="attr-new"
            value={props.newName}
            placeholder="e.g. team"
            onInput={(e) => (props.newName.value = e.currentTarget.value)}
            onKeyDown={addOnEnter}
          />
          <button type="button" class="button-secondary" onClick={props.onAdd}>
            Add attribute
          </button>
        </div>
      )}
      <FieldError id="attributes" error={errors.attributes} />
    </fieldset>
  )
}
