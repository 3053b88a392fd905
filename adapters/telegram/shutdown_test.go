package telegram_test

import (
	"testing"
	"time"

	"factline/adapters/telegram"
)

// TestStopWaitsOnlyTheShutdownGrace: an answer stuck in Bot API retries (429s asking to wait
// 2 s, again and again) when the adapter is stopped gets Options.ShutdownGrace to finish, then
// is cancelled, so Run returns soon after the grace period rather than after the retries.
func TestStopWaitsOnlyTheShutdownGrace(t *testing.T) {
	const grace = 300 * time.Millisecond
	h := start(t, setup{opts: func(o *telegram.Options) { o.ShutdownGrace = grace }})
	h.fake.Fail("sendMessage", 100, 429, 2)
	h.fake.Push(message(privateChat, 1, alice, housingClaim))
	for deadline := time.Now().Add(10 * time.Second); len(h.fake.Calls("sendMessage")) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no sendMessage within 10 s")
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
