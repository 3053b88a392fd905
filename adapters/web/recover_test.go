package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/bot"
	"factline/facts/factstest"
)

// panickingCore is the real bot, except that a question panics with the question's text in the
// panic's message, as a bug that formats its input would.
type panickingCore struct {
	*bot.Bot
	runtime bool // panic as the runtime does (an index out of range) rather than with a message
}

func (c panickingCore) Ask(ctx context.Context, req bot.Request) (bot.Answer, error) {
	if c.runtime {
		var none []int
		_ = none[len(req.Text)] // index out of range
	}
	panic("cannot answer " + req.Text)
}

// syncBuffer is a log sink the server's goroutines may write to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestHandlersRecoverFromPanics makes the page's form and the API panic on a question, over a
// real connection: each answers 500 in its own form, the server goes on serving, the panic is
// logged at error level with the route and a stack and without the question, and counted.
func TestHandlersRecoverFromPanics(t *testing.T) {
	const secret = "amira.h@example.org says immigrants take our jobs"
	for _, runtimePanic := range []bool{false, true} {
		logs := &syncBuffer{}
		metrics := NewMetrics()
		core := panickingCore{Bot: bot.New(bot.Options{Matcher: factstest.Index(t)}), runtime: runtimePanic}
		srv, err := New(Options{Bot: core, Metrics: metrics, Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		client := &http.Client{Timeout: 5 * time.Second}
		post := func(path, ctype, body string) (*http.Response, string) {
			t.Helper()
			resp, err := client.Post(ts.URL+path, ctype, strings.NewReader(body))
			if err != nil {
				t.Fatalf("POST %s: %v (the connection was cut, not answered)", path, err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp, string(b)
		}

		resp, body := post("/", formType, form("text", secret))
		if resp.StatusCode != 500 || !strings.Contains(body, "<h1>Something went wrong</h1>") || !strings.Contains(body, internalMessage) {
			t.Errorf("page: %d %.300s, want 500 with the page's message", resp.StatusCode, body)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("page: headers %v, want a page's", resp.Header)
		}
		resp, body = post("/api/v1/check", "application/json", `{"text": "`+secret+`"}`)
		var e apiError
		if err := json.Unmarshal([]byte(body), &e); resp.StatusCode != 500 || err != nil || e.Error.Code != "internal" {
			t.Errorf("API: %d %q, want 500 with the API's error", resp.StatusCode, body)
		}
		if resp, _ := client.Get(ts.URL + "/healthz"); resp == nil || resp.StatusCode != 200 {
			t.Errorf("the server stopped serving after the panics: %v", resp)
		}
		mresp, err := client.Get(ts.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		exposition, _ := io.ReadAll(mresp.Body)
		mresp.Body.Close()
		ts.Close()
		for _, route := range []string{"page_check", "api_check"} {
			if got := metric(t, string(exposition), `factline_http_requests_total{code="500",route="`+route+`"}`); got != 1 {
				t.Errorf("%s 500s counted: %v, want 1", route, got)
			}
		}

		var records []map[string]any
		for line := range strings.Lines(logs.String()) {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("log line %q: %v", line, err)
			}
			if rec["msg"] == "handler panicked" {
				records = append(records, rec)
			}
		}
		if len(records) != 2 {
			t.Fatalf("%d panics logged, want 2:\n%s", len(records), logs)
		}
		for i, route := range []string{"page_check", "api_check"} {
			rec := records[i]
			stack, _ := rec["stack"].(string)
			if rec["level"] != "ERROR" || rec["route"] != route || !strings.Contains(stack, "panickingCore.Ask") {
				t.Errorf("logged %v, want an error with the route %s and a stack", rec, route)
			}
			if runtimePanic && !strings.Contains(rec["panic"].(string), "index out of range") {
				t.Errorf("a runtime panic logged as %q, want the runtime's message", rec["panic"])
			}
		}
		for _, leak := range []string{"amira", "take our jobs"} {
			if strings.Contains(logs.String(), leak) {
				t.Errorf("the log holds the question (%q):\n%s", leak, logs)
			}
		}
	}
}
