package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"factline/bot"
)

// BenchmarkRecordAnswer measures the store call made with every answer.
func BenchmarkRecordAnswer(b *testing.B) {
	s := New(Options{Path: filepath.Join(b.TempDir(), "factline.db")})
	if err := s.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	e := bot.AnswerEvent{MythID: "housing", Outcome: bot.Matched, Surface: bot.SurfaceTelegram, Lang: "en", Day: time.Now()}
	for b.Loop() {
		if err := s.RecordAnswer(context.Background(), e); err != nil {
			b.Fatal(err)
		}
	}
}
