ALTER TABLE `pulses` ADD `joined` integer;--> statement-breakpoint
ALTER TABLE `pulses` ADD `comments_released` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `pulses` ADD `gate_version` integer;--> statement-breakpoint
ALTER TABLE `pulse_keys` ADD `joined` integer;