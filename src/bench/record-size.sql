-- What the decision record keeps per decision, in bytes of stored values (text as UTF-8, a timestamp 8, a date 4, a
-- bigint 8, an integer 4, a boolean 1; no row or index overhead), on H2 and PostgreSQL alike: first a decision's own
-- rows (the decision, its card, the card's override reasons and suggestions), then the lists of fired rules that
-- decisions share (fired_list, fired_list_rule, ruleset_rule), spread over the decisions.
SELECT n AS decisions,
    CAST(own / n AS BIGINT) AS own_bytes_per_decision,
    CAST(shared / n AS BIGINT) AS shared_bytes_per_decision,
    lists AS distinct_lists
FROM (SELECT
    (SELECT COUNT(*) FROM decision) AS n,
    (SELECT COUNT(*) FROM fired_list) AS lists,
    (SELECT SUM(OCTET_LENGTH(id) + 8 + OCTET_LENGTH(channel) + COALESCE(OCTET_LENGTH(caller_issuer), 0)
        + COALESCE(OCTET_LENGTH(caller_subject), 0) + OCTET_LENGTH(ruleset_version) + OCTET_LENGTH(verdict) + 4
        + OCTET_LENGTH(facts) + OCTET_LENGTH(missing_data) + OCTET_LENGTH(request_digest) + 8) FROM decision)
    + COALESCE((SELECT SUM(OCTET_LENGTH(uuid) + OCTET_LENGTH(decision_id) + OCTET_LENGTH(indicator)) FROM card), 0)
    + COALESCE((SELECT SUM(OCTET_LENGTH(card_uuid) + 4 + OCTET_LENGTH(reason_code)) FROM card_override_reason), 0)
    + COALESCE((SELECT SUM(OCTET_LENGTH(card_uuid) + 4 + OCTET_LENGTH(suggestion_uuid) + OCTET_LENGTH(label))
        FROM card_suggestion), 0) AS own,
    COALESCE((SELECT SUM(8 + OCTET_LENGTH(ruleset_version) + OCTET_LENGTH(digest)) FROM fired_list), 0)
    + COALESCE((SELECT COUNT(*) * (8 + 4 + 8 + 1) FROM fired_list_rule), 0)
    + COALESCE((SELECT SUM(8 + OCTET_LENGTH(ruleset_version) + OCTET_LENGTH(rule_name)
        + COALESCE(OCTET_LENGTH(rule_source), 0)) FROM ruleset_rule), 0) AS shared) AS kept
