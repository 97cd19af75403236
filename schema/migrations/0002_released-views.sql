CREATE TABLE `cohort_histograms` (
	`pulse_id` text NOT NULL,
	`key_id` text NOT NULL,
	`question_id` text NOT NULL,
	`n` integer NOT NULL,
	`counts` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `key_id`, `question_id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `released_views` (
	`pulse_id` text NOT NULL,
	`cut` text NOT NULL,
	`groups` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `cut`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `pulses` ADD `released` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `pulse_keys` ADD `respondents` integer;