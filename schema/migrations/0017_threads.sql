CREATE TABLE `follow_up_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pending_follow_ups` (
	`pulse_id` text NOT NULL,
	`comment_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `comment_id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
);
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
);
--> statement-breakpoint
ALTER TABLE `comments` ADD `reply_hash` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `hidden_reason` text;--> statement-breakpoint
CREATE INDEX `comments_reply_hash` ON `comments` (`reply_hash`);