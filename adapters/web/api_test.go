package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"factline/bot"
	"factline/facts/factstest"
)

const housingClaim = "immigrants are the reason rent is so high"

// apiErr decodes an error body, failing the test when it is not {"error": {"code", "message"}}.
func apiErr(t *testing.T, body string) apiErrorBody {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("not an API error body (%v): %s", err, body)
	}
	return e.Error
}

func TestAPICheckErrors(t *testing.T) {
	big := `{"text": "` + strings.Repeat("a", 17<<10) + `"}`
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		status      int
		code        string
	}{
		{"empty text", "POST", "application/json", `{"text": ""}`, 400, "invalid"},
		{"blank text", "POST", "application/json", `{"text": "  \n "}`, 400, "invalid"},
		{"no text field", "POST", "application/json", `{"lang": "fr"}`, 400, "invalid"},
		{"text over the question limit", "POST", "application/json", `{"text": "` + strings.Repeat("ab ", 1000) + `"}`, 400, "invalid"},
		{"malformed JSON", "POST", "application/json", `{"text": `, 400, "invalid"},
		{"two JSON values", "POST", "application/json", `{"text": "x"} {"text": "y"}`, 400, "invalid"},
		{"body over 16 KiB", "POST", "application/json", big, 413, "too_large"},
		{"form content type", "POST", "application/x-www-form-urlencoded", "text=hello", 415, "unsupported_media_type"},
		{"no content type", "POST", "", `{"text": "hello"}`, 415, "unsupported_media_type"},
		{"text/plain", "POST", "text/plain", `{"text": "hello"}`, 415, "unsupported_media_type"},
		{"GET", "GET", "", "", 405, "method_not_allowed"},
	}
	f := newFixture(t, fixtureOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.do(tt.method, "/api/v1/check", tt.contentType, tt.body, "")
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if e := apiErr(t, w.Body.String()); e.Code != tt.code {
				t.Errorf("code %q, want %q", e.Code, tt.code)
			}
		})
	}
}

// TestAPICheckTooLargeWithoutLength sends a chunked body, so only reading it can find it too big.
func TestAPICheckTooLargeWithoutLength(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	r := newRequest("POST", "/api/v1/check", `{"text": "`+strings.Repeat("a", 20<<10)+`"}`)
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	w := serve(f, r)
	if w.Code != http.StatusRequestEntityTooLarge || apiErr(t, w.Body.String()).Code != "too_large" {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestAPICheckAnswers(t *testing.T) {
	tests := []struct {
		name, body, outcome, id, lang string
	}{
		{"matched", `{"text": "` + housingClaim + `"}`, "matched", "housing", "en"},
		{"asked in French", `{"text": "` + housingClaim + `", "lang": "fr"}`, "matched", "housing", "fr"},
		{"language detected", `{"text": "Les immigrants nous volent nos emplois, c'est évident pour tout le monde"}`, "", "", "fr"},
		{"abstained", `{"text": "what a lovely day for a picnic by the lake"}`, "abstained", "", "en"},
	}
	f := newFixture(t, fixtureOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.do("POST", "/api/v1/check", "application/json", tt.body, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var ans bot.Answer
			if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
				t.Fatal(err)
			}
			if tt.outcome != "" && string(ans.Outcome) != tt.outcome {
				t.Errorf("outcome %q, want %q", ans.Outcome, tt.outcome)
			}
			if tt.id != "" && (ans.Match == nil || ans.Match.ID != tt.id) {
				t.Errorf("match %+v, want %s", ans.Match, tt.id)
			}
			if ans.Lang != tt.lang {
				t.Errorf("lang %q, want %q", ans.Lang, tt.lang)
			}
			if ans.Outcome == bot.Abstained && (ans.Body != nil || len(ans.Topics) == 0) {
				t.Errorf("abstained answer has a body or no topics: %s", w.Body)
			}
			if ans.Body != nil && len(ans.Sources) == 0 {
				t.Errorf("answer without sources: %s", w.Body)
			}
		})
	}
}

// TestAPICheckIsTheAskJSON checks the body is the bot.Answer as `factline ask --format json`
// encodes it, compact: byte for byte once the CLI's indentation is removed.
func TestAPICheckIsTheAskJSON(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	w := f.do("POST", "/api/v1/check", "application/json", `{"text": "`+housingClaim+`", "lang": "es"}`, "")
	want, err := f.bot.Ask(context.Background(), bot.Request{Text: housingClaim, Lang: "es", Surface: bot.SurfaceCLI})
	if err != nil {
		t.Fatal(err)
	}
	var indented, compact bytes.Buffer
	enc := json.NewEncoder(&indented)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(want)
	if err := json.Compact(&compact, indented.Bytes()); err != nil {
		t.Fatal(err)
	}
	if w.Body.String() != compact.String()+"\n" {
		t.Fatalf("API body differs from the ask JSON:\n got %s\nwant %s", w.Body, compact.String())
	}
	if got := w.Header().Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
		t.Errorf("Content-Length %s for %d bytes", got, w.Body.Len())
	}
}

func TestAPIRateLimitPerClientIP(t *testing.T) {
	body := `{"text": "` + housingClaim + `"}`
	tests := []struct {
		name    string
		proxies []string
		// first and second are two clients: [peer, X-Forwarded-For]
		first, second [2]string
		sameKey       bool
	}{
		{"two peers", nil, [2]string{"192.0.2.1:1000", ""}, [2]string{"192.0.2.2:1000", ""}, false},
		{"same peer, other port", nil, [2]string{"192.0.2.1:1000", ""}, [2]string{"192.0.2.1:2000", ""}, true},
		{"forwarded header from an untrusted peer is ignored", nil,
			[2]string{"192.0.2.1:1000", "198.51.100.1"}, [2]string{"192.0.2.1:1000", "198.51.100.2"}, true},
		{"trusted proxy: clients told apart by X-Forwarded-For", []string{"192.0.2.0/24"},
			[2]string{"192.0.2.1:1000", "198.51.100.1"}, [2]string{"192.0.2.1:1000", "198.51.100.2"}, false},
		{"trusted proxy: a forged left-most hop is not believed", []string{"192.0.2.1"},
			[2]string{"192.0.2.1:1000", "203.0.113.9, 198.51.100.1"}, [2]string{"192.0.2.1:1000", "203.0.113.8, 198.51.100.1"}, true},
		{"trusted proxy writing ip:port: clients told apart", []string{"192.0.2.0/24"},
			[2]string{"192.0.2.1:1000", "198.51.100.1:50000"}, [2]string{"192.0.2.1:1000", "198.51.100.2:50000"}, false},
		{"trusted proxy writing [v6]:port: clients told apart", []string{"192.0.2.0/24"},
			[2]string{"192.0.2.1:1000", "[2001:db8:0:1::1]:50000"}, [2]string{"192.0.2.1:1000", "[2001:db8:0:2::1]:50000"}, false},
		{"two addresses of one IPv6 /64 share a limit", nil,
			[2]string{"[2001:db8:0:1::1]:1000", ""}, [2]string{"[2001:db8:0:1:ffff::2]:1000", ""}, true},
		{"two IPv6 /64s", nil, [2]string{"[2001:db8:0:1::1]:1000", ""}, [2]string{"[2001:db8:0:2::1]:1000", ""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{limits: bot.Limits{UserPer: time.Hour, UserBurst: 2}, proxies: tt.proxies})
			send := func(c [2]string) int {
				var h []string
				if c[1] != "" {
					h = []string{"X-Forwarded-For", c[1]}
				}
				return f.do("POST", "/api/v1/check", "application/json", body, c[0], h...).Code
			}
			for i := range 2 {
				if code := send(tt.first); code != http.StatusOK {
					t.Fatalf("request %d within the burst: %d", i+1, code)
				}
			}
			var h []string
			if tt.first[1] != "" {
				h = []string{"X-Forwarded-For", tt.first[1]}
			}
			w := f.do("POST", "/api/v1/check", "application/json", body, tt.first[0], h...)
			if w.Code != http.StatusTooManyRequests {
				t.Fatalf("third request: %d, want 429", w.Code)
			}
			if w.Header().Get("Retry-After") != "6" {
				t.Errorf("Retry-After %q, want 6", w.Header().Get("Retry-After"))
			}
			if e := apiErr(t, w.Body.String()); e.Code != "rate_limited" {
				t.Errorf("code %q", e.Code)
			}
			want := http.StatusOK
			if tt.sameKey {
				want = http.StatusTooManyRequests
			}
			if code := send(tt.second); code != want {
				t.Errorf("second client: %d, want %d", code, want)
			}
		})
	}
}

func TestAPIMyths(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tests := []struct {
		name, target string
		status       int
		check        func(t *testing.T, body []byte)
	}{
		{"catalogue", "/api/v1/myths", 200, func(t *testing.T, body []byte) {
			var l mythList
			mustJSON(t, body, &l)
			if l.Lang != "en" || len(l.Myths) != len(factstest.Index(t).Base().Myths) || len(l.Langs) < 3 {
				t.Fatalf("list: lang %s, %d myths, langs %v", l.Lang, len(l.Myths), l.Langs)
			}
			if m := l.Myths[0]; m.ID == "" || m.Claim == "" || m.Verdict == "" || !strings.HasPrefix(m.URL, "https://facts.example.org/myths/") {
				t.Errorf("first myth incomplete: %+v", m)
			}
		}},
		{"catalogue in French", "/api/v1/myths?lang=fr", 200, func(t *testing.T, body []byte) {
			var l mythList
			mustJSON(t, body, &l)
			if l.Lang != "fr" || l.Myths[0].Lang != "fr" || l.Myths[0].Claim == factstest.Index(t).Base().Myths[0].Text("en").Claim {
				t.Fatalf("not French: %+v", l.Myths[0])
			}
		}},
		{"catalogue in an unknown language falls back", "/api/v1/myths?lang=xx", 200, func(t *testing.T, body []byte) {
			var l mythList
			mustJSON(t, body, &l)
			if l.Lang != "en" {
				t.Fatalf("lang %s", l.Lang)
			}
		}},
		{"one myth", "/api/v1/myths/housing?lang=es", 200, func(t *testing.T, body []byte) {
			var a bot.Answer
			mustJSON(t, body, &a)
			if a.Outcome != bot.Chosen || a.Match.ID != "housing" || a.Body.Lang != "es" || len(a.Sources) == 0 {
				t.Fatalf("answer: %s", body)
			}
		}},
		{"unknown myth", "/api/v1/myths/no-such-myth", 404, func(t *testing.T, body []byte) {
			if apiErr(t, string(body)).Code != "not_found" {
				t.Fatal(string(body))
			}
		}},
		{"unknown endpoint", "/api/v2/check", 404, func(t *testing.T, body []byte) {
			if apiErr(t, string(body)).Code != "not_found" {
				t.Fatal(string(body))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.do("GET", tt.target, "", "", "")
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			tt.check(t, w.Body.Bytes())
		})
	}
}

func TestHealth(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	w := f.do("GET", "/healthz", "", "", "")
	var h health
	mustJSON(t, w.Body.Bytes(), &h)
	if w.Code != 200 || h.Status != "ok" || h.Myths != len(factstest.Index(t).Base().Myths) || h.Myths == 0 {
		t.Fatalf("healthz %d: %s", w.Code, w.Body)
	}
}

func mustJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
}
