package telegram_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/adapters/sqlite"
	"factline/adapters/telegram"
	"factline/adapters/telegram/telegramtest"
	"factline/bot"
	"factline/facts"
	"factline/facts/factstest"
)

func builtinIndex(t testing.TB) *facts.Index { return factstest.Index(t) }

// openStore opens a real SQLite store in the test's folder, to see what reaches the core's store.
func openStore(t testing.TB) *sqlite.Store {
	t.Helper()
	st := sqlite.New(sqlite.Options{Path: filepath.Join(t.TempDir(), "factline.db")})
	if err := st.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// harness is a running adapter against a fake Bot API.
type harness struct {
	fake  *telegramtest.Server
	store *sqlite.Store
	core  *bot.Bot
	stop  func() error
}

type setup struct {
	limits bot.Limits
	opts   func(*telegram.Options)
	// before runs before the adapter starts, e.g. to queue updates that must arrive in one batch.
	before func(*telegramtest.Server)
	// core, when set, wraps the real core the adapter is given.
	core func(*bot.Bot) bot.Core
	// coreOpts, when set, changes the real core's options (its policy, offers) before it is made.
	coreOpts func(*bot.Options)
}

// start runs an adapter against a new fake server until the test ends (or h.stop is called).
func start(t testing.TB, s setup) *harness {
	t.Helper()
	fake := telegramtest.NewServer(t)
	h := &harness{fake: fake, store: openStore(t)}
	bo := bot.Options{Matcher: builtinIndex(t), Limits: s.limits, Store: h.store}
	if s.coreOpts != nil {
		s.coreOpts(&bo)
	}
	core := bot.New(bo)
	h.core = core
	o := telegram.Options{
		Token: telegramtest.Token, APIEndpoint: fake.Endpoint(), PollTimeout: 5 * time.Second,
		RetryBase: 10 * time.Millisecond, MaxRetryWait: 3 * time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if s.opts != nil {
		s.opts(&o)
	}
	var c bot.Core = core
	if s.core != nil {
		c = s.core(core)
	}
	a, err := telegram.New(c, o)
	if err != nil {
		t.Fatal(err)
	}
	if s.before != nil {
		s.before(fake)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	var once sync.Once
	var runErr error
	h.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not return within 10s of its context ending")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := h.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return h
}

// Chats and users of the tests.
const (
	privateChat = 42
	alice       = 42
	bob         = 43
	group       = -100777
)

type msgOpt func(m map[string]any)

// message is a "message" update as Telegram sends it.
func message(chatID int64, msgID int, from int64, text string, opts ...msgOpt) map[string]any {
	typ := "supergroup"
	if chatID > 0 {
		typ = "private"
	}
	m := map[string]any{
		"message_id": msgID, "date": 1764230400, "text": text,
		"from": map[string]any{"id": from, "is_bot": false, "first_name": "A", "language_code": "en"},
		"chat": map[string]any{"id": chatID, "type": typ},
	}
	if strings.HasPrefix(text, "/") {
		n := strings.IndexAny(text+" ", " \n")
		m["entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": len([]rune(text[:n]))}}
	}
	for _, o := range opts {
		o(m)
	}
	return map[string]any{"message": m}
}

func lang(code string) msgOpt {
	return func(m map[string]any) { m["from"].(map[string]any)["language_code"] = code }
}

func replyTo(id int, text string) msgOpt {
	return func(m map[string]any) {
		m["reply_to_message"] = map[string]any{"message_id": id, "date": 1764230000, "text": text,
			"from": map[string]any{"id": 99, "is_bot": false, "first_name": "C"}, "chat": m["chat"]}
	}
}

func topic(thread int) msgOpt {
	return func(m map[string]any) {
		m["message_thread_id"] = thread
		m["is_topic_message"] = true
		m["chat"].(map[string]any)["is_forum"] = true
	}
}

// mention marks the span of the bot's @username (UTF-16 offsets; the tests' texts are ASCII before it).
func mention(text string) msgOpt {
	return func(m map[string]any) {
		i := strings.Index(text, "@"+telegramtest.BotUsername)
		m["entities"] = []any{map[string]any{"type": "mention", "offset": i, "length": len(telegramtest.BotUsername) + 1}}
	}
}

// replyOf matches the sendMessage answering message msgID in chat.
func replyOf(chat int64, msgID int) func(telegramtest.Call) bool {
	return func(c telegramtest.Call) bool {
		return c.Params["chat_id"] == itoa(chat) && repliesTo(c) == msgID
	}
}

// repliesTo is the message a sent message answers, from its reply_parameters; 0 for none.
func repliesTo(c telegramtest.Call) int {
	var rp struct {
		MessageID int `json:"message_id"`
	}
	if c.JSON("reply_parameters", &rp) != nil {
		return 0
	}
	return rp.MessageID
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

type keyboard struct {
	InlineKeyboard [][]struct {
		Text         string `json:"text"`
		CallbackData string `json:"callback_data"`
	} `json:"inline_keyboard"`
}

// buttons returns the callback data of a message's buttons.
func buttons(t *testing.T, c telegramtest.Call) []string {
	t.Helper()
	if _, ok := c.Params["reply_markup"]; !ok {
		return nil
	}
	var k keyboard
	if err := c.JSON("reply_markup", &k); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range k.InlineKeyboard {
		for _, b := range row {
			out = append(out, b.CallbackData)
		}
	}
	return out
}

// plain is what a reader sees of an HTML message.
func plain(t *testing.T, c telegramtest.Call) string {
	t.Helper()
	s, err := telegramtest.ParseHTML(c.Params["text"])
	if err != nil {
		t.Fatalf("message is not valid Telegram HTML: %v\n%s", err, c.Params["text"])
	}
	return s
}

func coreForTest(t testing.TB) *bot.Bot { return bot.New(bot.Options{Matcher: builtinIndex(t)}) }

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
