package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// bareHandler is the yardstick for the load figures: net/http with nothing of ours, reading the
// same request body and writing a small JSON answer.
func bareHandler(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"ok":true}`+"\n")
}

const benchBody = `{"text": "` + housingClaim + `"}`

func benchmarkHandler(b *testing.B, h http.Handler, target, contentType, body string) {
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", target, strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		r.RemoteAddr = "192.0.2.1:1234"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}

// BenchmarkAPICheck measures POST /api/v1/check through every layer: headers, metrics, JSON,
// rate limiter (off), matching and encoding.
func BenchmarkAPICheck(b *testing.B) {
	f := newFixture(b, fixtureOptions{})
	benchmarkHandler(b, f.srv.Handler(), "/api/v1/check", "application/json", benchBody)
}

// BenchmarkPageCheck measures the form post, which renders the whole HTML page.
func BenchmarkPageCheck(b *testing.B) {
	f := newFixture(b, fixtureOptions{})
	benchmarkHandler(b, f.srv.Handler(), "/", formType, form("text", housingClaim))
}

// BenchmarkBare is the same request to bareHandler, for comparison.
func BenchmarkBare(b *testing.B) {
	benchmarkHandler(b, http.HandlerFunc(bareHandler), "/api/v1/check", "application/json", benchBody)
}
