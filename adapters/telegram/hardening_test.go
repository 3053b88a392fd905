package telegram_test

import (
	"context"
	"log/slog"
	"math"
	"strings"
	"sync"
	"testing"

	"factline/adapters/telegram"
	"factline/adapters/telegram/telegramtest"
	"factline/bot"
)

// TestEntityOverflowingTheText checks that entities whose offset and length run past the text,
// even so far that offset+length overflows, are skipped rather than panicking, so a valid mention
// after them is still answered.
func TestEntityOverflowingTheText(t *testing.T) {
	h := start(t, setup{})
	text := "@" + telegramtest.BotUsername + " " + housingClaim
	valid := map[string]any{"type": "mention", "offset": 0, "length": len(telegramtest.BotUsername) + 1}
	for i, bad := range []map[string]any{
		{"type": "mention", "offset": 1, "length": math.MaxInt64},
		{"type": "mention", "offset": math.MaxInt64, "length": 1},
		{"type": "mention", "offset": math.MaxInt64, "length": math.MaxInt64},
		{"type": "mention", "offset": len(text) + 1, "length": 1},
		{"type": "mention", "offset": -1, "length": 3},
	} {
		id := 100 + i
		u := message(group, id, bob, text)
		u["message"].(map[string]any)["entities"] = []any{bad, valid}
		h.fake.Push(u)
		c := h.fake.Wait(t, "sendMessage", replyOf(group, id))
		if !strings.Contains(plain(t, c), "housing") {
			t.Errorf("entity %v: reply = %q, want the housing answer", bad, plain(t, c))
		}
	}
}

// logRecorder is a slog handler that keeps every record, to assert on what the adapter logs.
type logRecorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *logRecorder) WithGroup(string) slog.Handler            { return h }
func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}

func (h *logRecorder) all() []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]slog.Record(nil), h.records...)
}

func attr(r slog.Record, key string) string {
	v := ""
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v = a.Value.String()
			return false
		}
		return true
	})
	return v
}

// panickyCore is the real core, except that asking panics, as a bug anywhere below the adapter would.
type panickyCore struct{ *bot.Bot }

func (panickyCore) Ask(context.Context, bot.Request) (bot.Answer, error) {
	panic("a bug below the adapter")
}

// TestPanicInAHandlerIsRecovered checks that a panic while handling an update is logged at error
// level with the update's kind and a stack, never the asker's text; that a private asker gets an
// apology; and that the next updates are handled.
func TestPanicInAHandlerIsRecovered(t *testing.T) {
	logs := &logRecorder{}
	h := start(t, setup{
		opts: func(o *telegram.Options) { o.Logger = slog.New(logs) },
		core: func(b *bot.Bot) bot.Core { return panickyCore{b} },
	})
	h.fake.Push(message(privateChat, 1, alice, housingClaim))
	if c := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1)); !strings.Contains(plain(t, c), "something went wrong") {
		t.Errorf("reply = %q, want an apology", plain(t, c))
	}
	// Still handling updates: /myths does not ask the core a question.
	h.fake.Push(message(privateChat, 2, alice, "/myths"))
	if c := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 2)); len(buttons(t, c)) == 0 {
		t.Errorf("/myths after the panic = %q, want the topics", plain(t, c))
	}
	found := false
	for _, r := range logs.all() {
		if strings.Contains(r.Message, "panicked") {
			found = true
			if r.Level != slog.LevelError || attr(r, "kind") != "message" || !strings.Contains(attr(r, "stack"), "goroutine") {
				t.Errorf("panic logged at %s, kind %q, stack %q; want error level, kind message and a stack", r.Level, attr(r, "kind"), attr(r, "stack"))
			}
		}
		if r.Level >= slog.LevelInfo {
			line := r.Message
			r.Attrs(func(a slog.Attr) bool { line += " " + a.String(); return true })
			if strings.Contains(line, "immigrants") {
				t.Errorf("a log at %s quotes the asker's text: %s", r.Level, line)
			}
		}
	}
	if !found {
		t.Error("no panic logged")
	}
}
