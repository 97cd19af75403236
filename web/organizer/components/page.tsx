import type { ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'

export interface Crumb {
  label: string
  href: string
}

interface PageProps {
  title: string
  /** The way back up, outermost first; the page itself is added as the current item. */
  crumbs?: Crumb[]
  /** A sentence under the heading saying what the page is for. */
  intro?: ComponentChildren
  children?: ComponentChildren
}

/**
 * The frame of every page: breadcrumb, the one h1 (focused after navigation, see app.tsx),
 * an optional intro, and the document title.
 */
export function Page({ title, crumbs, intro, children }: PageProps) {
  useEffect(() => {
    document.title = `${title} · trustpulse`
  }, [title])
  return (
    <>
      {crumbs && crumbs.length > 0 && (
        <nav aria-label="Breadcrumb" class="breadcrumb">
          <ol>
            {crumbs.map((c) => (
              <li key={c.href}>
                <a href={c.href}>{c.label}</a>
              </li>
            ))}
            <li>
              <span aria-current="page">{title}</span>
            </li>
          </ol>
        </nav>
      )}
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {intro && <p class="intro">{intro}</p>}
      {children}
    </>
  )
}

/** A titled part of a page with its own heading level. */
export function Section(props: { title: string; id?: string; children?: ComponentChildren }) {
  const headingId = `${props.id ?? slug(props.title)}-heading`
  return (
    <section class="panel" aria-labelledby={headingId} id={props.id}>
      <h2 id={headingId}>{props.title}</h2>
      {props.children}
    </section>
  )
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
