-- The imported collection of professional fact-checks (schema.org ClaimReview), one row per
-- review, identified by its URL. Dates are 'YYYY-MM-DD', '' when unknown.
CREATE TABLE reviews (
    url         TEXT PRIMARY KEY,
    claim       TEXT NOT NULL,
    claimant    TEXT NOT NULL DEFAULT '',
    claim_date  TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    site        TEXT NOT NULL DEFAULT '',
    review_date TEXT NOT NULL DEFAULT '',
    rating      TEXT NOT NULL DEFAULT '',
    verdict     TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT '',
    imported    TEXT NOT NULL
);
CREATE INDEX reviews_site ON reviews (site);
CREATE INDEX reviews_review_date ON reviews (review_date);
