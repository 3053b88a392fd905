package postgres

import (
	"context"
	"testing"
	"time"

	"factline/adapters/postgres/pgtest"
	"factline/bot/storetest"
)

// BenchmarkRecordAnswers measures a flush of the answer counts: 50 kinds of answer, on a local server.
func BenchmarkRecordAnswers(b *testing.B) {
	ctx := context.Background()
	s := New(Options{URL: pgtest.URL(b)})
	if err := s.Open(ctx); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	counts := storetest.Counts(time.Now(), 50)
	for b.Loop() {
		if err := s.RecordAnswers(ctx, counts); err != nil {
			b.Fatal(err)
		}
	}
}
