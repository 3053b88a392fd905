package bot

import (
	"context"
	"sync"
	"testing"
)

// lateStore counts what reaches it and holds one chat's settings.
type lateStore struct {
	memStore
	mu       sync.Mutex
	answers  int
	settings ChatSettings
}

func (s *lateStore) RecordAnswers(_ context.Context, counts []AnswerEvents) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range counts {
		s.answers += c.N
	}
	return nil
}

func (s *lateStore) ChatSettings(context.Context, string) (ChatSettings, error) {
	return s.settings, nil
}

// TestAwaitedStore: a bot told to await its Store answers and records before it has one; the
// records wait in memory (a flush stores nothing and fails nothing), the chat settings are the
// defaults; once UseStore hands it the Store, the next flush stores every waiting record and
// the chat's saved settings are read.
func TestAwaitedStore(t *testing.T) {
	ctx := context.Background()
	b := New(Options{Matcher: builtinIndex(t), AwaitStore: true})
	for range 3 {
		if _, err := b.Ask(ctx, Request{Text: "they take our jobs", Surface: SurfaceWeb}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Feedback(ctx, Feedback{MythID: "jobs", Lang: "en", Helpful: true, Surface: SurfaceWeb}); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatalf("a flush before the store is open: %v", err)
	}
	if s := b.Settings(ctx, "telegram:-1"); s != (ChatSettings{}) {
		t.Fatalf("settings before the store is open: %+v, want the defaults", s)
	}

	store := &lateStore{settings: ChatSettings{Lang: "fr", Auto: true}}
	b.UseStore(store)
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if store.answers != 3 || store.votes() != 1 {
		t.Errorf("once the store is open, it got %d answers and %d votes; want the 3 and the 1 that waited", store.answers, store.votes())
	}
	if s := b.Settings(ctx, "telegram:-1"); s != store.settings {
		t.Errorf("settings once the store is open: %+v, want the stored %+v", s, store.settings)
	}
}
