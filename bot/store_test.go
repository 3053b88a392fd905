package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
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

// memStore is a Store in memory that refuses every write while down, as a locked, full or
// stopped database does.
type memStore struct {
	mu        sync.Mutex
	down      bool
	feedback  map[FeedbackEvent]int
	questions []UnansweredQuestion
}

func (s *memStore) fail() error {
	if s.down {
		return errors.New("database is down")
	}
	return nil
}

func (s *memStore) RecordAnswers(context.Context, []AnswerEvents) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fail()
}

func (s *memStore) RecordFeedback(_ context.Context, counts []FeedbackEvents) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail(); err != nil {
		return err
	}
	if s.feedback == nil {
		s.feedback = map[FeedbackEvent]int{}
	}
	for _, c := range counts {
		s.feedback[c.FeedbackEvent] += c.N
	}
	return nil
}

func (s *memStore) RecordUnanswered(_ context.Context, qs []UnansweredQuestion) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail(); err != nil {
		return err
	}
	s.questions = append(s.questions, qs...)
	return nil
}

func (s *memStore) ChatSettings(context.Context, string) (ChatSettings, error) {
	return ChatSettings{}, nil
}

func (s *memStore) SaveChatSettings(context.Context, string, ChatSettings) error { return nil }

func (s *memStore) setDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

func (s *memStore) votes() (n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.feedback {
		n += c
	}
	return n
}

// TestFeedbackChecked sends what no button of ours sends: each is refused as invalid, and
// nothing reaches the store.
func TestFeedbackChecked(t *testing.T) {
	store := &memStore{}
	b := New(Options{Matcher: builtinIndex(t), Store: store})
	for _, f := range []Feedback{
		{MythID: "nope", Lang: "en", Helpful: true},
		{MythID: "", Lang: "en"},
		{MythID: strings.Repeat("housing", 2000), Lang: "en"},
		{MythID: "housing", Lang: ""},
		{MythID: "housing", Lang: "de"},
		{MythID: "housing", Lang: "EN"},
		{MythID: "housing", Lang: "amira.h@example.org +1 416 555 0199 " + strings.Repeat("x", 16000)},
	} {
		err := b.Feedback(context.Background(), f)
		if ErrorCode(err) != CodeInvalid {
			t.Errorf("feedback on %.20q in %.20q: %v, want invalid", f.MythID, f.Lang, err)
		}
		if err != nil && (strings.Contains(err.Error(), "amira") || strings.Contains(err.Error(), "housinghousing")) {
			t.Errorf("the refusal echoes what was sent: %.80s", err)
		}
	}
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := store.votes(); n != 0 {
		t.Errorf("%d refused votes stored", n)
	}
	if err := b.Feedback(context.Background(), Feedback{MythID: "housing", Lang: "fr", Helpful: true}); err != nil {
		t.Errorf("a vote a button sends: %v", err)
	}
}

// TestFeedbackRateLimited: votes are limited per user and per chat like questions, in buckets of
// their own, so voting never stops anyone asking.
func TestFeedbackRateLimited(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := New(Options{Matcher: builtinIndex(t), Now: func() time.Time { return now },
		Limits: Limits{UserPer: 10 * time.Second, UserBurst: 2, ChatPer: time.Second, ChatBurst: 3}})
	vote := func(user, chat string) error {
		return b.Feedback(context.Background(), Feedback{MythID: "jobs", Lang: "en", User: user, Chat: chat})
	}
	for i := range 2 {
		if err := vote("u1", "c1"); err != nil {
			t.Fatalf("vote %d refused: %v", i, err)
		}
	}
	err := vote("u1", "c1")
	if ErrorCode(err) != CodeRateLimited {
		t.Fatalf("third vote from one user: %v, want rate limited", err)
	}
	if !strings.Contains(err.Error(), "wait a few seconds") {
		t.Errorf("refusal %q does not say to wait", err)
	}
	if err := vote("u2", "c1"); err != nil {
		t.Fatalf("another user in the chat: %v", err)
	}
	if err := vote("u3", "c1"); ErrorCode(err) != CodeRateLimited {
		t.Fatalf("fourth vote in one chat: %v, want rate limited", err)
	}
	if _, err := b.Ask(context.Background(), Request{Text: "they take our jobs", User: "u1", Chat: "c2"}); err != nil {
		t.Errorf("a user out of votes cannot ask: %v", err)
	}
	now = now.Add(10 * time.Second)
	if err := vote("u1", "c1"); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
}

// TestFeedbackWaitsForTheStore: votes made while the store is down are kept and written by the
// first flush that succeeds, however many flushes failed before it.
func TestFeedbackWaitsForTheStore(t *testing.T) {
	store := &memStore{down: true}
	b := New(Options{Matcher: builtinIndex(t), Store: store})
	const votes = 10
	for i := range votes {
		if err := b.Feedback(context.Background(), Feedback{MythID: "housing", Lang: "en", Helpful: i%2 == 0, Surface: SurfaceWeb}); err != nil {
			t.Fatalf("vote %d with the store down: %v", i, err)
		}
	}
	for range 3 {
		if err := b.Flush(context.Background()); err == nil {
			t.Fatal("a flush to a store that is down succeeded")
		}
	}
	store.setDown(false)
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := store.votes(); n != votes {
		t.Errorf("%d votes stored once the store was back, want %d", n, votes)
	}
	if err := b.Flush(context.Background()); err != nil || store.votes() != votes {
		t.Errorf("a second flush: %v, %d votes; want each vote stored once", err, store.votes())
	}
}

// TestPendingFeedbackBounded: a reason is scrubbed and cut, at most MaxReasonsPerFlush reasons
// wait for a flush (the votes beyond are counted without theirs), and refused counts put back
// stay within the bound.
func TestPendingFeedbackBounded(t *testing.T) {
	store := &memStore{down: true}
	b := New(Options{Matcher: builtinIndex(t), Store: store})
	const votes = 3 * MaxReasonsPerFlush
	for i := range votes {
		reason := fmt.Sprintf("%d mail amira.h@example.org %s", i, strings.Repeat("é", 1000))
		if err := b.Feedback(context.Background(), Feedback{MythID: "housing", Lang: "en", Reason: reason}); err != nil {
			t.Fatal(err)
		}
		if i%MaxReasonsPerFlush == 0 {
			_ = b.Flush(context.Background()) // refused: the store is down
		}
	}
	store.setDown(false)
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	reasons, total := 0, 0
	for e, n := range store.feedback {
		total += n
		if e.Reason == "" {
			continue
		}
		reasons++
		if strings.Contains(e.Reason, "amira") {
			t.Errorf("reason not scrubbed: %.60q", e.Reason)
		}
		if n := utf8.RuneCountInString(e.Reason); n > MaxReasonRunes {
			t.Errorf("a reason of %d characters, want at most %d", n, MaxReasonRunes)
		}
	}
	if total != votes {
		t.Errorf("%d votes stored, want %d", total, votes)
	}
	if reasons == 0 || reasons > MaxReasonsPerFlush {
		t.Errorf("%d reasons stored after flushes that all failed but the last, want 1 to %d", reasons, MaxReasonsPerFlush)
	}
}
