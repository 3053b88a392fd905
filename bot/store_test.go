package bot

import (
	"testing"
	"time"
)

// TestPendingRecordsBounded fills the queue of unanswered questions as a long database outage
// would: beyond maxPendingQuestions the newest are dropped and said so, the answers still
// counted, and a refused flush goes back ahead of what came since.
func TestPendingRecordsBounded(t *testing.T) {
	var p pendingRecords
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	e := AnswerEvent{Outcome: Abstained, Surface: SurfaceWeb, Lang: "en", Day: day}
	for i := range maxPendingQuestions {
		if !p.add(e, &UnansweredQuestion{Text: "q", Day: day}) {
			t.Fatalf("question %d dropped below the bound", i)
		}
	}
	if p.add(e, &UnansweredQuestion{Text: "one too many", Day: day}) {
		t.Fatal("a question beyond the bound was queued")
	}
	counts, questions, dropped := p.take()
	if len(counts) != 1 || counts[0].N != maxPendingQuestions+1 || len(questions) != maxPendingQuestions || dropped != 1 {
		t.Fatalf("took %+v, %d questions, %d dropped; want every answer counted, %d questions, 1 dropped",
			counts, len(questions), dropped, maxPendingQuestions)
	}
	if c, q, d := p.take(); len(c) != 0 || len(q) != 0 || d != 0 {
		t.Fatalf("a second take found %d counts, %d questions, %d dropped", len(c), len(q), d)
	}

	p.add(e, &UnansweredQuestion{Text: "newer", Day: day})
	p.putBack(counts, questions)
	counts, questions, dropped = p.take()
	if dropped != 1 {
		t.Errorf("putBack dropped %d, want the newest 1", dropped)
	}
	if len(counts) != 1 || counts[0].N != maxPendingQuestions+2 {
		t.Errorf("counts after putBack %+v, want %d", counts, maxPendingQuestions+2)
	}
	if len(questions) != maxPendingQuestions || questions[len(questions)-1].Text != "q" {
		t.Errorf("after putBack: %d questions, the last %q; want the refused ones kept, the newer dropped", len(questions), questions[len(questions)-1].Text)
	}
}
