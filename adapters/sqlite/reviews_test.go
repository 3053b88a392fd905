package sqlite

import (
	"path/filepath"
	"testing"

	"factline/bot/reviews"
	"factline/bot/reviews/reviewstest"
)

func TestReviewsContract(t *testing.T) {
	reviewstest.Run(t, reviewstest.Harness{
		New: func(t *testing.T) reviews.Store {
			return open(t, filepath.Join(t.TempDir(), "factline.db"), "")
		},
		Second: func(t *testing.T, s reviews.Store) reviews.Store {
			return open(t, s.(*Store).opts.Path, "")
		},
	})
}
