import { Page } from '../components/page'

/** Placeholder until the report pages land (another issue builds them). */
export default function ReportPage({ params }: { params: { pid: string } }) {
  return (
    <Page title="Report" crumbs={[{ label: 'Communities', href: '/communities' }]}>
      <p class="notice" role="status">
        Reports are coming soon. This pulse's released results are already stored; this page will
        show them.
      </p>
      <p class="meta">Pulse {params.pid}</p>
      <p>
        <a href="/communities">Back to your communities</a>
      </p>
    </Page>
  )
}
