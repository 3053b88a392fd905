package postgres

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"factline/adapters/postgres/pgtest"
	"factline/bot"
	"factline/facts/factstest"
)

// storeErrors counts the failed store calls the bot reports.
type storeErrors struct {
	mu sync.Mutex
	n  map[string]int
}

func (o *storeErrors) ObserveAnswer(bot.Surface, bot.Outcome, time.Duration) {}
func (o *storeErrors) ObserveFallback(string)                                {}
func (o *storeErrors) ObserveReload(bool)                                    {}
func (o *storeErrors) ObserveStoreError(op string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.n[op]++
}

func (o *storeErrors) count(op string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n[op]
}

// TestSettingsWhileTheDatabaseHangs locks the settings table, as a hung server or a long
// migration would: the first message of a chat waits the store timeout and gets the defaults,
// the next ones get the defaults at once, and once the lock is gone and the retry time has
// passed, the chat's own settings are read again.
func TestSettingsWhileTheDatabaseHangs(t *testing.T) {
	dbURL := pgtest.URL(t)
	s := open(t, dbURL, "")
	obs := &storeErrors{n: map[string]int{}}
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	var clock sync.Mutex
	secret, err := bot.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Options{Matcher: factstest.Index(t), Store: s, Secret: secret, Observer: obs,
		StoreTimeout: 200 * time.Millisecond, Now: func() time.Time { clock.Lock(); defer clock.Unlock(); return now }})
	ctx := context.Background()
	const chat = "telegram:-100123"
	if err := b.SetSettings(ctx, chat, bot.ChatSettings{Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	// A second bot shares the database but not the first one's memory, as a restarted replica.
	b2 := bot.New(bot.Options{Matcher: factstest.Index(t), Store: s, Secret: secret, Observer: obs,
		StoreTimeout: 200 * time.Millisecond, Now: func() time.Time { clock.Lock(); defer clock.Unlock(); return now }})

	locker, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close(ctx)
	tx, err := locker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE chat_settings IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if got := b2.Settings(ctx, chat); got != (bot.ChatSettings{}) {
			t.Fatalf("message %d while locked: settings %+v, want the defaults", i, got)
		}
	}
	if n := obs.count("chat_settings"); n != 1 {
		t.Errorf("%d settings reads failed for 5 messages, want 1: the defaults stand in after a failure", n)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b2.Settings(ctx, chat); got != (bot.ChatSettings{}) {
		t.Errorf("before the retry time: settings %+v, want the defaults still", got)
	}
	clock.Lock()
	now = now.Add(time.Minute)
	clock.Unlock()
	if got := b2.Settings(ctx, chat); got.Lang != "fr" {
		t.Errorf("after the retry time: settings %+v, want the chat's own (fr)", got)
	}
}
