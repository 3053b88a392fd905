-- The imported collection of professional fact-checks (schema.org ClaimReview), one row per
-- review, identified by its URL. Unknown dates are NULL.
CREATE TABLE reviews (
    url         TEXT PRIMARY KEY,
    claim       TEXT NOT NULL,
    claimant    TEXT NOT NULL DEFAULT '',
    claim_date  DATE,
    title       TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    site        TEXT NOT NULL DEFAULT '',
    review_date DATE,
    rating      TEXT NOT NULL DEFAULT '',
    verdict     TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT '',
    imported    TIMESTAMPTZ NOT NULL
);
CREATE INDEX reviews_site ON reviews (site);
CREATE INDEX reviews_review_date ON reviews (review_date);
