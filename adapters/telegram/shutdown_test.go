package telegram_test

import (
	"testing"
	"time"

	"factline/adapters/telegram"
)

// TestStopWaitsOnlyTheShutdownGrace: an update whose handler is stuck in Bot API retries (an
// inline answer refused by 429s asking to wait 2 s, again and again) when the adapter is stopped
// gets Options.ShutdownGrace to finish, then is cancelled, so Run returns soon after the grace
// period rather than after the retries. (Replies to messages wait in their chat's queue instead,
// which a stop gives up at once.)
func TestStopWaitsOnlyTheShutdownGrace(t *testing.T) {
	const grace = 300 * time.Millisecond
	h := start(t, setup{opts: func(o *telegram.Options) { o.ShutdownGrace = grace }})
	h.fake.Fail("answerInlineQuery", 100, 429, 2)
	h.fake.Push(map[string]any{"inline_query": map[string]any{"id": "q1", "query": housingClaim, "offset": "",
		"from": map[string]any{"id": alice, "is_bot": false, "first_name": "A"}}})
	for deadline := time.Now().Add(10 * time.Second); len(h.fake.Calls("answerInlineQuery")) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no answerInlineQuery within 10 s")
		}
	}
	stopped := time.Now()
	if err := h.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if took := time.Since(stopped); took < grace || took > grace+1500*time.Millisecond {
		t.Errorf("Run returned %v after the stop; want the grace period, %v, and not much more", took, grace)
	}
}
