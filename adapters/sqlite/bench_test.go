package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"factline/bot/storetest"
)

// BenchmarkRecordAnswers measures a flush of the answer counts: 50 kinds of answer.
func BenchmarkRecordAnswers(b *testing.B) {
	s := New(Options{Path: filepath.Join(b.TempDir(), "factline.db")})
	if err := s.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	counts := storetest.Counts(time.Now(), 50)
	for b.Loop() {
		if err := s.RecordAnswers(context.Background(), counts); err != nil {
			b.Fatal(err)
		}
	}
}
