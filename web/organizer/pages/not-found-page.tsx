import { Page } from '../components/page'

/** Any address the organizer app does not know. */
export default function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is nothing at this address.</p>
      <p>
        <a href="/communities">Go to your communities</a>
      </p>
    </Page>
  )
}
