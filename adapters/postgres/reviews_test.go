package postgres

import (
	"testing"

	"factline/adapters/postgres/pgtest"
	"factline/bot/reviews"
	"factline/bot/reviews/reviewstest"
)

func TestReviewsContract(t *testing.T) {
	reviewstest.Run(t, reviewstest.Harness{
		New: func(t *testing.T) reviews.Store { return open(t, pgtest.URL(t), "") },
		Second: func(t *testing.T, s reviews.Store) reviews.Store {
			return open(t, s.(*Store).opts.URL, "")
		},
	})
}
