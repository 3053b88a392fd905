package telegram

import (
	"strings"
	"testing"

	"factline/adapters/telegram/telegramtest"
	"factline/bot"
)

// TestRenderParaphrase: a rephrased answer says so and offers the reviewed text, which the
// "reviewed text" button shows.
func TestRenderParaphrase(t *testing.T) {
	ans := bot.Answer{
		Outcome: bot.Matched,
		Match:   &bot.Match{ID: "jobs", Claim: "They take our jobs", Verdict: "mostly-false"},
		Body: &bot.Body{Short: "Rephrased short.", Full: "Rephrased full [1].", Lang: "fr", Reviewed: "2026-01-01", Paraphrased: true,
			Original: &bot.Original{Short: "Curated short.", Full: "Curated full text [1].", Lang: "en"}},
		Sources: []*bot.Source{{Title: "S", Publisher: "P", URL: "https://example.org/s"}},
	}
	tests := []struct {
		name   string
		r      reply
		want   []string
		button string
	}{
		{"answer", answerReply(ans, []bot.Words{{Lang: "en", Language: "English"}, {Lang: "fr", Language: "Français"}}), []string{"Reformulé par une IA", "Rephrased short."}, "o:jobs:fr"},
		{"original", originalReply(ans), []string{"Curated full text [1].", "1. S, P"}, ""},
		{"full", fullReply(ans), []string{"Rephrased full [1].", "Reformulé par une IA"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := strings.Join(pack(tt.r.blocks, messageLimit), "\n")
			p, err := telegramtest.ParseHTML(msg)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(p, w) {
					t.Errorf("%q lacks %q", p, w)
				}
			}
			if tt.button == "" {
				return
			}
			found := false
			for _, row := range tt.r.keyboard.InlineKeyboard {
				for _, b := range row {
					found = found || *b.CallbackData == tt.button
				}
			}
			if !found {
				t.Errorf("no %s button", tt.button)
			}
		})
	}
}

func TestFileEndpointFollowsAPI(t *testing.T) {
	for api, want := range map[string]string{
		"https://api.telegram.org/bot%s/%s":       "https://api.telegram.org/file/bot%s/%s",
		"http://localhost:8081/proxy/tg/bot%s/%s": "http://localhost:8081/proxy/tg/file/bot%s/%s",
		"https://tg.example/custom/%s/method/%s":  "https://tg.example/file/bot%s/%s",
	} {
		if got := fileEndpoint(api); got != want {
			t.Errorf("fileEndpoint(%q) = %q, want %q", api, got, want)
		}
	}
}
