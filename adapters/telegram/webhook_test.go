package telegram_test

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"testing"
	"time"

	"factline/adapters/telegram"
	"factline/adapters/telegram/telegramtest"
)

// TestWebhook: the adapter registers its webhook with the secret, refuses requests without it, and
// answers the updates that carry it.
func TestWebhook(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const secret = "s3cret-Token_1"
	h := start(t, setup{opts: func(o *telegram.Options) {
		o.WebhookURL = "https://bot.example.org/telegram/hook"
		o.WebhookSecret = secret
		o.WebhookListener = ln
	}})
	reg := h.fake.Wait(t, "setWebhook", nil)
	if reg.Params["url"] != "https://bot.example.org/telegram/hook" || reg.Params["secret_token"] != secret {
		t.Fatalf("setWebhook %v, want the URL and the secret", reg.Params)
	}
	post := func(path, token string, update map[string]any) int {
		body, _ := json.Marshal(update)
		req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", token)
		}
		resp, err := (&http.Client{Timeout: 5 * time.Second}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	withID := func(id int, u map[string]any) map[string]any { u["update_id"] = id; return u }
	tests := []struct {
		name, path, token string
		msgID, want       int
	}{
		{"no secret", "/telegram/hook", "", 1, http.StatusForbidden},
		{"wrong secret", "/telegram/hook", "s3cret-Token_2", 2, http.StatusForbidden},
		{"wrong path", "/other", secret, 3, http.StatusNotFound},
		{"right secret", "/telegram/hook", secret, 4, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := post(tt.path, tt.token, withID(tt.msgID, message(privateChat, tt.msgID, alice, housingClaim))); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	h.fake.Wait(t, "sendMessage", replyOf(privateChat, 4))
	if post("/telegram/hook", secret, map[string]any{"update_id": 5, "message": "malformed"}) != http.StatusOK {
		t.Error("a malformed update must be acknowledged, or Telegram sends it again forever")
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.Calls("sendMessage")); n != 1 {
		t.Errorf("%d messages sent, want only the answer to the update with the secret", n)
	}
	if n := len(h.fake.Calls("getUpdates")); n != 0 {
		t.Errorf("%d getUpdates calls in webhook mode", n)
	}
}

// TestLifecycle: Run stops promptly in the middle of a long poll, and fails at once on a token
// the Bot API refuses.
func TestLifecycle(t *testing.T) {
	t.Run("stops during a long poll", func(t *testing.T) {
		h := start(t, setup{opts: func(o *telegram.Options) { o.PollTimeout = time.Minute }})
		h.fake.Wait(t, "getUpdates", nil)
		begin := time.Now()
		if err := h.stop(); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(begin); d > 2*time.Second {
			t.Errorf("Run took %v to stop", d)
		}
	})
	t.Run("refused token", func(t *testing.T) {
		fake := telegramtest.NewServer(t)
		if _, err := telegram.New(nil, telegram.Options{Token: "1:wrong", APIEndpoint: fake.Endpoint()}); err == nil {
			t.Fatal("New accepted a nil core")
		}
		a, err := telegram.New(coreForTest(t), telegram.Options{Token: "1:wrong", APIEndpoint: fake.Endpoint(), RetryBase: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := contextWithTimeout(5 * time.Second)
		defer cancel()
		if err := a.Run(ctx); err == nil || ctx.Err() != nil {
			t.Errorf("Run = %v, want an error before the deadline", err)
		} else if bytes.Contains([]byte(err.Error()), []byte("1:wrong")) {
			t.Errorf("the error shows the token: %v", err)
		}
	})
}

// TestNewRefuses lists the options New must refuse.
func TestNewRefuses(t *testing.T) {
	core := coreForTest(t)
	tests := []struct {
		name string
		o    telegram.Options
	}{
		{"no token", telegram.Options{}},
		{"endpoint without placeholders", telegram.Options{Token: "1:a", APIEndpoint: "http://localhost:8081/bot"}},
		{"webhook without secret", telegram.Options{Token: "1:a", WebhookURL: "https://x.example/hook"}},
		{"secret with forbidden characters", telegram.Options{Token: "1:a", WebhookURL: "https://x.example/hook", WebhookSecret: "a b"}},
		{"webhook URL not http", telegram.Options{Token: "1:a", WebhookURL: "ftp://x.example/hook", WebhookSecret: "ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := telegram.New(core, tt.o); err == nil {
				t.Error("New accepted it")
			}
		})
	}
}
