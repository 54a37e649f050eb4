-- Feedback records who sent it: the EHR client's iss and the token's sub, as decisions record who asked. Feedback
-- recorded before this version has no sender (null), as has feedback in open mode, where no one signs in.
ALTER TABLE feedback ADD COLUMN sender_issuer VARCHAR(500);
ALTER TABLE feedback ADD COLUMN sender_subject VARCHAR(500);
