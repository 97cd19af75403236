CREATE TABLE `communities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`attributes` text DEFAULT '[]' NOT NULL,
	`min_group_size` integer DEFAULT 5 NOT NULL,
	`min_comment_group_size` integer DEFAULT 10 NOT NULL,
	`privacy_mode` text DEFAULT 'threshold' NOT NULL,
	`epsilon` real DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `community_roles` (
	`community_id` text NOT NULL,
	`organizer_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`community_id`, `organizer_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `community_roles_organizer` ON `community_roles` (`organizer_id`);--> statement-breakpoint
CREATE TABLE `organizers` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizers_email_unique` ON `organizers` (`email`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`organizer_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_organizer` ON `sessions` (`organizer_id`);--> statement-breakpoint
CREATE TABLE `team_invites` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`email` text NOT NULL,
	`attributes` text DEFAULT '{}' NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`invite_hash` text,
	`key_hash` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_community_email` ON `members` (`community_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_invite_hash` ON `members` (`invite_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_key_hash` ON `members` (`key_hash`);--> statement-breakpoint
CREATE INDEX `members_community_id` ON `members` (`community_id`,`id`);--> statement-breakpoint
CREATE TABLE `pulses` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`community_id` text NOT NULL,
	`status` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`eligible` integer DEFAULT 0 NOT NULL,
	`responded` integer,
	`min_group_size` integer NOT NULL,
	`min_comment_group_size` integer NOT NULL,
	`privacy_mode` text NOT NULL,
	`epsilon` real NOT NULL,
	`attributes` text NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`reason` text,
	`schedule_slot` text,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pulses_schedule_slot_unique` ON `pulses` (`schedule_slot`);--> statement-breakpoint
CREATE INDEX `pulses_survey` ON `pulses` (`survey_id`,`opens_at`);--> statement-breakpoint
CREATE INDEX `pulses_due` ON `pulses` (`status`,`opens_at`);--> statement-breakpoint
CREATE INDEX `pulses_closing` ON `pulses` (`status`,`closes_at`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`survey_id` text PRIMARY KEY NOT NULL,
	`cadence` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_days` integer NOT NULL,
	`next_opens_at` integer NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`questions` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `surveys_community` ON `surveys` (`community_id`);--> statement-breakpoint
CREATE TABLE `answers` (
	`pulse_id` text NOT NULL,
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `response_id`, `question_id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`pulse_id` text NOT NULL,
	`id` text NOT NULL,
	`question_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pulse_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`pulse_id` text NOT NULL,
	`cohort` text NOT NULL,
	`eligible` integer NOT NULL,
	`public_key` text,
	`private_key` text,
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pulse_keys_pulse` ON `pulse_keys` (`pulse_id`);--> statement-breakpoint
CREATE TABLE `pulse_members` (
	`pulse_id` text NOT NULL,
	`member_id` text NOT NULL,
	`key_id` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `member_id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`pulse_id` text NOT NULL,
	`id` text NOT NULL,
	`key_id` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `spent_tokens` (
	`pulse_id` text NOT NULL,
	`token_hash` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `token_hash`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `token_issuances` (
	`pulse_id` text NOT NULL,
	`member_mac` text NOT NULL,
	`blinded_hash` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `member_mac`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
