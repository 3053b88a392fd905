package web

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"factline/bot"
)

// metric returns the value of one series in the exposition text, or -1 when it is absent.
func metric(t *testing.T, text, series string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMetrics(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	f.do("POST", "/api/v1/check", "application/json", `{"text": "`+housingClaim+`"}`, "")
	f.do("POST", "/api/v1/check", "application/json", `{"text": "what a lovely day for a picnic by the lake"}`, "")
	f.do("POST", "/api/v1/check", "text/plain", `{}`, "")
	f.do("POST", "/", formType, form("text", housingClaim), "")
	f.do("GET", "/nope", "", "", "")
	// What the rest of the process reports through bot.Observer.
	f.bot.Reloaded(true)
	f.bot.Reloaded(false)
	f.metrics.ObserveFallback("numbers_changed")
	f.metrics.ObserveStoreError("record_answers")
	f.metrics.ObserveAnswer(bot.SurfaceTelegram, bot.Ambiguous, time.Millisecond)

	w := f.do("GET", "/metrics", "", "", "")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	text := w.Body.String()
	tests := []struct {
		series string
		want   float64
	}{
		{`factline_http_requests_total{code="200",route="api_check"}`, 2},
		{`factline_http_requests_total{code="415",route="api_check"}`, 1},
		{`factline_http_requests_total{code="200",route="page_check"}`, 1},
		{`factline_http_requests_total{code="404",route="not_found"}`, 1},
		{`factline_http_request_duration_seconds_count{route="api_check"}`, 3},
		{`factline_answers_total{outcome="matched",surface="web"}`, 2},
		{`factline_answers_total{outcome="abstained",surface="web"}`, 1},
		{`factline_answers_total{outcome="ambiguous",surface="telegram"}`, 1},
		{`factline_answer_duration_seconds_count{surface="web"}`, 3},
		{`factline_fact_base_reloads_total{result="ok"}`, 1},
		{`factline_fact_base_reloads_total{result="refused"}`, 1},
		{`factline_llm_fallbacks_total{reason="numbers_changed"}`, 1},
		{`factline_store_errors_total{op="record_answers"}`, 1},
	}
	for _, tt := range tests {
		if got := metric(t, text, tt.series); got != tt.want {
			t.Errorf("%s = %v, want %v", tt.series, got, tt.want)
		}
	}
	if !strings.Contains(text, "go_goroutines ") || !strings.Contains(text, "process_") {
		t.Error("runtime and process metrics missing")
	}
}
