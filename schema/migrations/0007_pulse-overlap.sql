-- API.md: at most one open or scheduled pulse of a survey covers any moment. Enforced here, not
-- only in the route, so no path (a route, the scheduler, two servers racing) can store an overlap.
-- A pulse that is skipped or closed no longer takes its window.
CREATE TRIGGER `pulses_no_overlap_insert` BEFORE INSERT ON `pulses`
WHEN NEW.`status` IN ('open', 'scheduled') AND EXISTS (
  SELECT 1 FROM `pulses` AS p
  WHERE p.`survey_id` = NEW.`survey_id` AND p.`id` <> NEW.`id` AND p.`status` IN ('open', 'scheduled')
    AND p.`opens_at` < NEW.`closes_at` AND NEW.`opens_at` < p.`closes_at`)
BEGIN
  SELECT RAISE(ABORT, 'pulse overlap: another open or scheduled pulse of this survey covers this window');
END;
--> statement-breakpoint
CREATE TRIGGER `pulses_no_overlap_update` BEFORE UPDATE OF `status`, `opens_at`, `closes_at` ON `pulses`
WHEN NEW.`status` IN ('open', 'scheduled') AND EXISTS (
  SELECT 1 FROM `pulses` AS p
  WHERE p.`survey_id` = NEW.`survey_id` AND p.`id` <> NEW.`id` AND p.`status` IN ('open', 'scheduled')
    AND p.`opens_at` < NEW.`closes_at` AND NEW.`opens_at` < p.`closes_at`)
BEGIN
  SELECT RAISE(ABORT, 'pulse overlap: another open or scheduled pulse of this survey covers this window');
END;
