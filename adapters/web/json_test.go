package web

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"factline/bot"
)

// TestIndentJSONMatchesEncoder checks writeJSON against json.Encoder with SetIndent, the encoding
// of `factline ask --format json`, on every kind of body the API sends.
func TestIndentJSONMatchesEncoder(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ask := func(text, lang string) bot.Answer {
		a, err := f.bot.Ask(t.Context(), bot.Request{Text: text, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	chosen, err := f.bot.Explain(t.Context(), "crime", bot.Request{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    any
	}{
		{"matched", ask(housingClaim, "")},
		{"abstained, with topics", ask("what a lovely day for a picnic by the lake", "")},
		{"chosen, in French", chosen},
		{"paraphrased, with an original", bot.Answer{Body: &bot.Body{Paraphrased: true, Original: &bot.Original{Short: "a"}}}},
		{"escapes, HTML and empty values", map[string]any{"q": "\"quoted\" \\ back\\slash \u2028 <b>&</b> \t", "z": `ends in a backslash \`, "y": `\"`, "e": []int{}, "o": map[string]int{}, "n": nil, "x": 1.5e-7, "t": true}},
		{"API error", apiError{apiErrorBody{Code: "invalid", Message: `the body must be JSON: {"text": "..."}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tt.v); err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			writeJSON(w, 200, tt.v)
			if w.Body.String() != want.String() {
				t.Fatalf("writeJSON:\n%s\nwant:\n%s", w.Body, want.String())
			}
			if w.Header().Get("Content-Length") != itoa(want.Len()) {
				t.Errorf("Content-Length %s, want %d", w.Header().Get("Content-Length"), want.Len())
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
