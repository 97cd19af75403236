ALTER TABLE `members` ADD `revoked_key_hash` text;--> statement-breakpoint
ALTER TABLE `members` ADD `revoked_by` text;