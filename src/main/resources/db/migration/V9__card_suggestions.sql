-- The suggestion a card offered (its uuid and label), and the one a clinician accepted in feedback: a card offers at
-- most one (selectionBehavior at-most-one), so feedback names at most one.
CREATE TABLE card_suggestion (
    card_uuid VARCHAR(36) NOT NULL REFERENCES card (uuid),
    ordinal INT NOT NULL,
    suggestion_uuid VARCHAR(36) NOT NULL,
    label VARCHAR(200) NOT NULL,
    PRIMARY KEY (card_uuid, ordinal)
);
ALTER TABLE feedback ADD COLUMN accepted_suggestion VARCHAR(36);
