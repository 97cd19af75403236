import { useEffect } from 'preact/hooks'
import { useLocation } from 'preact-iso'

/** Replaces the current address with `to` (no history entry), e.g. after a guard refuses. */
export function Redirect({ to }: { to: string }) {
  const { route } = useLocation()
  useEffect(() => {
    route(to, true)
  }, [to])
  return null
}
