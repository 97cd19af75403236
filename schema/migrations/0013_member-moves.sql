CREATE TABLE `member_moves` (
	`member_id` text PRIMARY KEY NOT NULL,
	`key_hash` text NOT NULL,
	`from_key_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_by` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_moves_key_hash` ON `member_moves` (`key_hash`);