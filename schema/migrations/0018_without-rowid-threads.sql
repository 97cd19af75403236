-- Thread posts and waiting follow-ups are WITHOUT ROWID (as comments, migration 0001): rows are
-- stored in key order, so storage order says nothing about when a follow-up arrived or in which
-- order a batch release moved them. Drizzle cannot declare this; the tables are empty here.
DROP TABLE `pending_follow_ups`;
--> statement-breakpoint
CREATE TABLE `pending_follow_ups` (
	`pulse_id` text NOT NULL,
	`comment_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `comment_id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `thread_posts`;
--> statement-breakpoint
CREATE TABLE `thread_posts` (
	`pulse_id` text NOT NULL,
	`comment_id` text NOT NULL,
	`position` integer NOT NULL,
	`by` text NOT NULL,
	`text` text,
	`hidden_reason` text,
	PRIMARY KEY(`pulse_id`, `comment_id`, `position`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
