package telegram_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"factline/adapters/telegram"
	"factline/bot"
)

// failingCore is the real core, except that asking fails as a broken dependency would.
type failingCore struct{ *bot.Bot }

var errBroken = errors.New("the matcher is broken")

func (failingCore) Ask(context.Context, bot.Request) (bot.Answer, error) {
	return bot.Answer{}, errBroken
}

// TestHandlerErrorsLoggedOnce: a failure while handling an update is logged once, by the
// dispatcher, with the update's kind and the error wrapped with what was being done; the asker
// gets an apology; and no log message repeats the component, which the logger carries.
func TestHandlerErrorsLoggedOnce(t *testing.T) {
	logs := &logRecorder{}
	h := start(t, setup{
		opts: func(o *telegram.Options) { o.Logger = slog.New(logs) },
		core: func(b *bot.Bot) bot.Core { return failingCore{b} },
	})
	h.fake.Push(message(privateChat, 1, alice, housingClaim))
	if c := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1)); !strings.Contains(plain(t, c), "something went wrong") {
		t.Errorf("reply = %q, want an apology", plain(t, c))
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range logs.all() {
		if strings.HasPrefix(strings.ToLower(r.Message), "telegram") {
			t.Errorf("log message %q repeats the component", r.Message)
		}
		if strings.Contains(attr(r, "err"), errBroken.Error()) {
			n++
			if attr(r, "kind") != "message" || !strings.HasPrefix(attr(r, "err"), "ask: ") {
				t.Errorf("logged %q with kind %q and err %q; want the kind message and the error wrapped by its operation",
					r.Message, attr(r, "kind"), attr(r, "err"))
			}
		}
	}
	if n != 1 {
		t.Errorf("the failure was logged %d times, want once", n)
	}
}
