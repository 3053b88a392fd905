package postgres

import (
	"context"
	"testing"
	"time"

	"factline/bot"
)

// BenchmarkRecordAnswer measures the store call made with every answer, on a local server.
func BenchmarkRecordAnswer(b *testing.B) {
	ctx := context.Background()
	s := New(Options{URL: testURL(b)})
	if err := s.Open(ctx); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	e := bot.AnswerEvent{MythID: "housing", Outcome: bot.Matched, Surface: bot.SurfaceTelegram, Lang: "en", Day: time.Now()}
	for b.Loop() {
		if err := s.RecordAnswer(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}
