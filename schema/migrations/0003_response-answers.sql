-- A response's non-text answers move into one JSON column of the response (question id -> the
-- value as JSON text), so a submission writes one row instead of one per answer. The table stays
-- WITHOUT ROWID (see 0001); answers of open pulses are carried over.
CREATE TABLE `responses_new` (
	`pulse_id` text NOT NULL,
	`id` text NOT NULL,
	`key_id` text NOT NULL,
	`answers` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `responses_new` (`pulse_id`, `id`, `key_id`, `answers`)
SELECT r.`pulse_id`, r.`id`, r.`key_id`, coalesce(
	(SELECT json_group_object(a.`question_id`, a.`value`) FROM `answers` a
	 WHERE a.`pulse_id` = r.`pulse_id` AND a.`response_id` = r.`id`), '{}')
FROM `responses` r;
--> statement-breakpoint
DROP TABLE `answers`;
--> statement-breakpoint
DROP TABLE `responses`;
--> statement-breakpoint
ALTER TABLE `responses_new` RENAME TO `responses`;
