CREATE TABLE `meeting_turns` (
	`meeting_id` text NOT NULL,
	`id` text NOT NULL,
	`seat` integer NOT NULL,
	`start_ms` integer NOT NULL,
	`end_ms` integer,
	`undone` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`meeting_id`, `id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`title` text NOT NULL,
	`seats` integer NOT NULL,
	`labels` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meetings_community` ON `meetings` (`community_id`,`started_at`);