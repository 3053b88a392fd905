package telegram_test

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"factline/adapters/telegram"
	"factline/adapters/telegram/telegramtest"
	"factline/bot"
)

// generous lets every question through the core, so a flood reaches the sending side.
var generous = bot.Limits{UserPer: time.Millisecond, UserBurst: 1000, ChatPer: time.Millisecond, ChatBurst: 1000}

// TestFloodedChatDoesNotDelayOthers: while Telegram holds one chat under flood control (429 with
// retry_after), the replies to that chat wait in its own bounded queue and another chat is answered
// at once; once the wait is over the chat gets its newest replies, and the oldest beyond the bound
// are dropped and logged with a count.
func TestFloodedChatDoesNotDelayOthers(t *testing.T) {
	const (
		throttled = 5 * time.Second
		flood     = 12
		queue     = 5
	)
	logs := &logRecorder{}
	h := start(t, setup{limits: generous, opts: func(o *telegram.Options) {
		o.SendQueue = queue
		o.Logger = slog.New(logs)
	}})
	h.fake.Wait(t, "getUpdates", nil)
	h.fake.Throttle(privateChat, throttled)
	throttledAt := time.Now()
	for i := range flood {
		h.fake.Push(message(privateChat, i+1, alice, housingClaim))
	}
	// Wait until every answer of the flood is being sent (refused) or queued, then ask from elsewhere.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		n := 0
		for _, c := range h.fake.Calls("sendMessage") {
			if c.Params["chat_id"] == itoa(privateChat) && c.Status == 429 {
				n++
			}
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the flooded chat's replies were never sent")
		}
	}
	time.Sleep(100 * time.Millisecond)
	asked := time.Now()
	h.fake.Push(message(bob, 100, bob, housingClaim))
	got := h.fake.Wait(t, "sendMessage", replyOf(bob, 100))
	t.Logf("the other chat was answered in %v while the flooded chat was held %v", got.At.Sub(asked), throttled)
	if d := got.At.Sub(asked); d > 2*time.Second {
		t.Errorf("the other chat was answered after %v while the flooded chat waited %v; want it at once", d, throttled)
	}

	// The flooded chat gets the replies its queue kept, once Telegram allows.
	deadline := time.Now().Add(throttled + 5*time.Second)
	delivered := func() (n int) {
		for _, c := range h.fake.Calls("sendMessage") {
			if c.Params["chat_id"] == itoa(privateChat) && c.Status == 0 {
				if c.At.Before(throttledAt.Add(throttled)) {
					t.Fatalf("a reply was delivered at %v, during the flood control", c.At.Sub(throttledAt))
				}
				n++
			}
		}
		return n
	}
	for delivered() < queue && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // a reply more than the bound would arrive now
	n := delivered()
	// One reply is being sent when the others queue behind it; the bound holds the rest.
	if n < queue || n > queue+1 {
		t.Fatalf("%d replies delivered to the flooded chat, want %d or %d (the queue's bound, plus the one in flight)", n, queue, queue+1)
	}
	dropped := 0
	for _, r := range logs.all() {
		if strings.Contains(r.Message, "dropped") && attr(r, "dropped") != "" {
			k, _ := strconv.Atoi(attr(r, "dropped"))
			dropped += k
		}
	}
	if dropped != flood-n {
		t.Errorf("logs count %d dropped replies, want %d", dropped, flood-n)
	}
	// Each retry waited for the retry_after Telegram asked for, not less.
	var last time.Time
	for _, c := range h.fake.Calls("sendMessage") {
		if c.Params["chat_id"] != itoa(privateChat) {
			continue
		}
		if c.Status == 429 && !last.IsZero() && c.At.Sub(last) < 900*time.Millisecond {
			t.Errorf("retried %v after a 429, before its retry_after", c.At.Sub(last))
		}
		if c.Status == 429 {
			last = c.At
		}
	}
}

// TestReplyKeptAcrossA429Storm: a reply refused with 429 more times than a plain retry loop
// would try is kept, and delivered once Telegram allows, each attempt waiting its retry_after.
func TestReplyKeptAcrossA429Storm(t *testing.T) {
	const storm = 6
	h := start(t, setup{})
	h.fake.Fail("sendMessage", storm, 429, 1)
	h.fake.Push(message(privateChat, 1, alice, housingClaim))
	ok := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1))
	if !strings.Contains(plain(t, ok), "housing") {
		t.Errorf("delivered %q, want the housing answer", plain(t, ok))
	}
	calls := h.fake.Calls("sendMessage")
	if len(calls) != storm+1 {
		t.Fatalf("%d sendMessage calls, want %d refused then one delivered", len(calls), storm)
	}
	for i := 1; i < len(calls); i++ {
		if gap := calls[i].At.Sub(calls[i-1].At); gap < 900*time.Millisecond {
			t.Errorf("attempt %d came %v after a 429 with retry_after 1", i+1, gap)
		}
	}
}

// countingCore is the real core, counting the questions it has answered or refused.
type countingCore struct {
	*bot.Bot
	asked *atomic.Int32
}

func (c countingCore) Ask(ctx context.Context, r bot.Request) (bot.Answer, error) {
	defer c.asked.Add(1)
	return c.Bot.Ask(ctx, r)
}

// TestSlowDownOncePerCooldown: an asker who floods the bot is told to slow down once per
// cooldown, not once per refused message.
func TestSlowDownOncePerCooldown(t *testing.T) {
	const every = 500 * time.Millisecond
	asked := &atomic.Int32{}
	h := start(t, setup{
		limits: bot.Limits{UserPer: time.Hour, UserBurst: 2},
		opts:   func(o *telegram.Options) { o.SlowDownEvery = every },
		core:   func(b *bot.Bot) bot.Core { return countingCore{b, asked} },
	})
	notes := func() (n int) {
		for _, c := range h.fake.Calls("sendMessage") {
			if strings.Contains(plain(t, c), "wait a few seconds") {
				n++
			}
		}
		return n
	}
	flood := func(from, n int) {
		for i := range n {
			h.fake.Push(message(privateChat, from+i, alice, housingClaim))
		}
		for deadline := time.Now().Add(10 * time.Second); asked.Load() < int32(from+n-1) && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
	}
	flood(1, 20) // 2 answered, 18 refused
	h.fake.Wait(t, "sendMessage", func(c telegramtest.Call) bool { return strings.Contains(plain(t, c), "wait a few seconds") })
	time.Sleep(every + 200*time.Millisecond)
	first := notes()
	flood(21, 10) // all refused, after the cooldown: one more note
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if first != 1 || notes() != 2 {
		t.Errorf("%d slow-down notes for the first flood, %d in all; want 1, then 2 after the cooldown", first, notes())
	}
}

// TestWebhookRefusalsLogBounded: a flood of requests with a wrong secret logs one line per
// interval, and the next line counts every refusal since the last.
func TestWebhookRefusalsLogBounded(t *testing.T) {
	const (
		every = 300 * time.Millisecond
		burst = 300
	)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &logRecorder{}
	h := start(t, setup{opts: func(o *telegram.Options) {
		o.WebhookURL = "https://bot.example.org/hook"
		o.WebhookSecret = "right-secret"
		o.WebhookListener = ln
		o.RefusedLogEvery = every
		o.Logger = slog.New(logs)
	}})
	h.fake.Wait(t, "setWebhook", nil)
	client := &http.Client{Timeout: 5 * time.Second}
	refuse := func() {
		req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+"/hook", strings.NewReader(`{"update_id":1}`))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "wrong-secret")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("status %d, want 403", resp.StatusCode)
		}
	}
	began := time.Now()
	for range burst {
		refuse()
	}
	took := time.Since(began)
	time.Sleep(every)
	refuse() // after the interval: logged, with the count of those held back
	var lines, counted int
	for _, r := range logs.all() {
		if strings.Contains(r.Message, "secret") {
			lines++
			k, _ := strconv.Atoi(attr(r, "refused"))
			counted += k
		}
	}
	if max := int(took/every) + 2; lines > max {
		t.Errorf("%d log lines for %d refusals in %v, want at most %d (one per %v)", lines, burst+1, took, max, every)
	}
	if counted != burst+1 {
		t.Errorf("the log lines count %d refusals, want %d", counted, burst+1)
	}
}
