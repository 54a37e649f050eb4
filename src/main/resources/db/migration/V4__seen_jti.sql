-- The CDS Hooks replay cache, shared by every instance: a jti is good once per issuer, until its token expires.
CREATE TABLE seen_jti (
    issuer          VARCHAR(500)  NOT NULL,
    jti             VARCHAR(500)  NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX seen_jti_expires_at ON seen_jti (expires_at);
