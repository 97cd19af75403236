CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`organizer_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_resets_organizer` ON `password_resets` (`organizer_id`);