-- Tables that hold anything a respondent sent, or that a member was issued a token, are
-- WITHOUT ROWID: rows are stored in key order (random ids, hashes), so storage order says
-- nothing about when a row was written. Drizzle cannot declare this; the tables are empty here.
DROP TABLE `token_issuances`;
--> statement-breakpoint
CREATE TABLE `token_issuances` (
	`pulse_id` text NOT NULL,
	`member_mac` text NOT NULL,
	`blinded_hash` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `member_mac`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `spent_tokens`;
--> statement-breakpoint
CREATE TABLE `spent_tokens` (
	`pulse_id` text NOT NULL,
	`token_hash` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `token_hash`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `responses`;
--> statement-breakpoint
CREATE TABLE `responses` (
	`pulse_id` text NOT NULL,
	`id` text NOT NULL,
	`key_id` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `answers`;
--> statement-breakpoint
CREATE TABLE `answers` (
	`pulse_id` text NOT NULL,
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `response_id`, `question_id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `comments`;
--> statement-breakpoint
CREATE TABLE `comments` (
	`pulse_id` text NOT NULL,
	`id` text NOT NULL,
	`question_id` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`pulse_id`, `id`),
	FOREIGN KEY (`pulse_id`) REFERENCES `pulses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
