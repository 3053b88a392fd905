package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"factline/bot/reviews"
)

// SaveReviews implements reviews.Store: an upsert by URL, in one transaction.
func (s *Store) SaveReviews(ctx context.Context, rs []reviews.Review) (added, updated int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("save reviews: %w", err)
	}
	defer tx.Rollback()
	exists, err := tx.PrepareContext(ctx, `SELECT COUNT(*) FROM reviews WHERE url = ?`)
	if err != nil {
		return 0, 0, fmt.Errorf("save reviews: %w", err)
	}
	defer exists.Close()
	upsert, err := tx.PrepareContext(ctx, `INSERT INTO reviews
		(url, claim, claimant, claim_date, title, publisher, site, review_date, rating, verdict, lang, imported)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET claim = excluded.claim, claimant = excluded.claimant,
			claim_date = excluded.claim_date, title = excluded.title, publisher = excluded.publisher,
			site = excluded.site, review_date = excluded.review_date, rating = excluded.rating,
			verdict = excluded.verdict, lang = excluded.lang, imported = excluded.imported`)
	if err != nil {
		return 0, 0, fmt.Errorf("save reviews: %w", err)
	}
	defer upsert.Close()
	now := time.Now().UTC().Format(time.RFC3339)
	for _, r := range rs {
		if r.URL == "" || r.Claim == "" {
			return 0, 0, fmt.Errorf("save reviews: a review without a URL or a claim (%q)", r.URL)
		}
		var n int
		if err := exists.QueryRowContext(ctx, r.URL).Scan(&n); err != nil {
			return 0, 0, fmt.Errorf("save reviews: %w", err)
		}
		if _, err := upsert.ExecContext(ctx, r.URL, r.Claim, r.Claimant, reviews.FormatDate(r.ClaimDate), r.Title,
			r.Publisher, r.Site, reviews.FormatDate(r.ReviewDate), r.Rating, r.Verdict, r.Lang, now); err != nil {
			return 0, 0, fmt.Errorf("save reviews: %w", err)
		}
		if n > 0 {
			updated++
		} else {
			added++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("save reviews: %w", err)
	}
	return added, updated, nil
}

// where is the SQL condition and arguments of f.
func where(f reviews.Filter) (string, []any) {
	var conds []string
	var args []any
	if f.Publisher != "" {
		conds = append(conds, `(lower(publisher) = lower(?) OR site = ?)`)
		args = append(args, strings.TrimSpace(f.Publisher), reviews.Site(f.Publisher))
	}
	if f.Lang != "" {
		conds = append(conds, `lang = ?`)
		args = append(args, reviews.Lang(f.Lang))
	}
	if !f.Before.IsZero() {
		conds = append(conds, `review_date <> '' AND review_date < ?`)
		args = append(args, reviews.FormatDate(f.Before))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Reviews implements reviews.Store.
func (s *Store) Reviews(ctx context.Context, f reviews.Filter) ([]reviews.Review, error) {
	cond, args := where(f)
	rows, err := s.db.QueryContext(ctx, `SELECT url, claim, claimant, claim_date, title, publisher, site, review_date, rating, verdict, lang
		FROM reviews`+cond+` ORDER BY review_date, url`, args...)
	if err != nil {
		return nil, fmt.Errorf("load reviews: %w", err)
	}
	defer rows.Close()
	var out []reviews.Review
	for rows.Next() {
		var r reviews.Review
		var claimDate, reviewDate string
		if err := rows.Scan(&r.URL, &r.Claim, &r.Claimant, &claimDate, &r.Title, &r.Publisher, &r.Site, &reviewDate,
			&r.Rating, &r.Verdict, &r.Lang); err != nil {
			return nil, fmt.Errorf("load reviews: %w", err)
		}
		r.ClaimDate, _ = reviews.ParseDate(claimDate)
		r.ReviewDate, _ = reviews.ParseDate(reviewDate)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load reviews: %w", err)
	}
	return out, nil
}

// RemoveReviews implements reviews.Store.
func (s *Store) RemoveReviews(ctx context.Context, f reviews.Filter) (int, error) {
	if f.Empty() {
		return 0, reviews.ErrNoFilter
	}
	cond, args := where(f)
	res, err := s.db.ExecContext(ctx, `DELETE FROM reviews`+cond, args...)
	if err != nil {
		return 0, fmt.Errorf("remove reviews: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("remove reviews: %w", err)
	}
	return int(n), nil
}
