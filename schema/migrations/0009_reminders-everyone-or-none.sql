-- DESIGN.md 9: a reminder goes to every member of the pulse or to no one. The audience
-- "not-fetched" (members whose device had not fetched a token) told organizers who had not
-- answered; a community that chose it now reminds everyone.
UPDATE `delivery_settings` SET `reminder_audience` = 'everyone' WHERE `reminder_audience` = 'not-fetched';
