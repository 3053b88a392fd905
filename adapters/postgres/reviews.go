package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"factline/bot/reviews"
)

// reviewColumns are the columns of the reviews table, in the order SaveReviews copies them.
var reviewColumns = []string{"url", "claim", "claimant", "claim_date", "title", "publisher", "site", "review_date", "rating", "verdict", "lang", "imported"}

// SaveReviews implements reviews.Store: the reviews are copied into a temporary table, then
// merged by URL, in one transaction (200,000 rows in seconds, where one statement a row would
// take minutes over the network).
func (s *Store) SaveReviews(ctx context.Context, rs []reviews.Review) (added, updated int, err error) {
	for _, r := range rs {
		if r.URL == "" || r.Claim == "" {
			return 0, 0, fmt.Errorf("save reviews: a review without a URL or a claim (%q)", r.URL)
		}
	}
	if len(rs) == 0 {
		return 0, 0, nil
	}
	now := time.Now().UTC()
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `CREATE TEMPORARY TABLE review_import (LIKE reviews) ON COMMIT DROP`); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"review_import"}, reviewColumns, pgx.CopyFromSlice(len(rs), func(i int) ([]any, error) {
			r := rs[i]
			return []any{r.URL, r.Claim, r.Claimant, date(r.ClaimDate), r.Title, r.Publisher, r.Site, date(r.ReviewDate),
				r.Rating, r.Verdict, r.Lang, now}, nil
		}))
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `INSERT INTO reviews SELECT * FROM review_import
			ON CONFLICT (url) DO UPDATE SET claim = excluded.claim, claimant = excluded.claimant,
				claim_date = excluded.claim_date, title = excluded.title, publisher = excluded.publisher,
				site = excluded.site, review_date = excluded.review_date, rating = excluded.rating,
				verdict = excluded.verdict, lang = excluded.lang, imported = excluded.imported
			RETURNING (xmax = 0)`) // xmax is 0 for a row inserted, set for one updated
		if err != nil {
			return err
		}
		var inserted bool
		_, err = pgx.ForEachRow(rows, []any{&inserted}, func() error {
			if inserted {
				added++
			} else {
				updated++
			}
			return nil
		})
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("save reviews: %w", err)
	}
	return added, updated, nil
}

// date is t as a DATE parameter: NULL for the zero time.
func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(24 * time.Hour)
}

// reviewsWhere is the SQL condition and arguments of f.
func reviewsWhere(f reviews.Filter) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Publisher != "" {
		conds = append(conds, `(lower(publisher) = lower(`+arg(strings.TrimSpace(f.Publisher))+`) OR site = `+arg(reviews.Site(f.Publisher))+`)`)
	}
	if f.Lang != "" {
		conds = append(conds, `lang = `+arg(reviews.Lang(f.Lang)))
	}
	if !f.Before.IsZero() {
		conds = append(conds, `review_date < `+arg(date(f.Before))) // NULL (undated) is never before
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Reviews implements reviews.Store.
func (s *Store) Reviews(ctx context.Context, f reviews.Filter) ([]reviews.Review, error) {
	cond, args := reviewsWhere(f)
	rows, err := s.pool.Query(ctx, `SELECT url, claim, claimant, claim_date, title, publisher, site, review_date, rating, verdict, lang
		FROM reviews`+cond+` ORDER BY review_date NULLS FIRST, url COLLATE "C"`, args...)
	if err != nil {
		return nil, fmt.Errorf("load reviews: %w", err)
	}
	var out []reviews.Review
	var r reviews.Review
	var claimDate, reviewDate *time.Time
	_, err = pgx.ForEachRow(rows, []any{&r.URL, &r.Claim, &r.Claimant, &claimDate, &r.Title, &r.Publisher, &r.Site, &reviewDate,
		&r.Rating, &r.Verdict, &r.Lang}, func() error {
		r.ClaimDate, r.ReviewDate = utcDay(claimDate), utcDay(reviewDate)
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load reviews: %w", err)
	}
	return out, nil
}

// utcDay is a DATE read back: midnight UTC, or the zero time for NULL.
func utcDay(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// RemoveReviews implements reviews.Store.
func (s *Store) RemoveReviews(ctx context.Context, f reviews.Filter) (int, error) {
	if f.Empty() {
		return 0, reviews.ErrNoFilter
	}
	cond, args := reviewsWhere(f)
	tag, err := s.pool.Exec(ctx, `DELETE FROM reviews`+cond, args...)
	if err != nil {
		return 0, fmt.Errorf("remove reviews: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
