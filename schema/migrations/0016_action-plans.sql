CREATE TABLE `action_updates` (
	`action_id` text NOT NULL,
	`id` text NOT NULL,
	`seq` integer NOT NULL,
	`date` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`action_id`, `id`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `action_updates_seq` ON `action_updates` (`action_id`,`seq`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`question_id` text,
	`dimension` text,
	`group_label` text,
	`title` text NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`target_date` text,
	`started_on` text,
	`ended_on` text,
	`draft` integer DEFAULT false NOT NULL,
	`created_on` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actions_community` ON `actions` (`community_id`,`created_on`);--> statement-breakpoint
CREATE INDEX `actions_survey` ON `actions` (`survey_id`);