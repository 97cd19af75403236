CREATE TABLE `community_log` (
	`community_id` text NOT NULL,
	`seq` integer NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`prev` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`community_id`, `seq`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `community_log_pending` (
	`community_id` text NOT NULL,
	`day` text NOT NULL,
	`cohort` text NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`joined` integer DEFAULT 0 NOT NULL,
	`reinvited` integer DEFAULT 0 NOT NULL,
	`removed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`community_id`, `day`, `cohort`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `pulses` ADD `fingerprint` text;