package openai_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/adapters/openai"
	"factline/adapters/openai/openaitest"
	"factline/bot"
)

// TestFidelityJudge runs a paraphrase that passes every guard past a judge on the fake server:
// only a clear yes lets it through; no, garbage, an error and a timeout fall back to the curated text.
func TestFidelityJudge(t *testing.T) {
	ix := builtinIndex(t)
	curated := ix.Base().Myth("housing").Text("en")
	tests := []struct {
		name       string
		verdict    openaitest.Response
		wantPara   bool
		wantReason string
	}{
		{"yes", openaitest.Response{Content: "yes"}, true, ""},
		{"yes with a full stop", openaitest.Response{Content: "Yes."}, true, ""},
		{"no", openaitest.Response{Content: "no"}, false, "judge_no"},
		{"garbage", openaitest.Response{Content: "As a fact-checker I would say it depends"}, false, "judge_unclear"},
		{"yes with a but", openaitest.Response{Content: "Yes, but it adds a claim"}, false, "judge_unclear"},
		{"empty", openaitest.Response{Content: ""}, false, "judge_unclear"},
		{"server error", openaitest.Response{Status: 500}, false, "judge_server_error"},
		{"timeout", openaitest.Response{Hang: true}, false, "judge_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			var mu sync.Mutex // the fake serves on its own goroutines
			var judged []openaitest.ChatRequest
			fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
				if strings.Contains(req.Messages[0].Content, "Reply with exactly one word") {
					mu.Lock()
					judged = append(judged, req)
					mu.Unlock()
					return tt.verdict
				}
				p := promptOf(t, req)
				return reply("No: "+p.Short, p.Full)
			}
			obs := &observer{}
			client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat", Timeout: 300 * time.Millisecond})
			b := bot.New(bot.Options{Matcher: ix, Paraphraser: client, Judge: client, Observer: obs,
				Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}})
			req := bot.Request{Text: housingQuestion, Lang: "en", Surface: bot.SurfaceTelegram, Chat: "telegram:-100777", User: "telegram:4242"}
			ans, err := b.Explain(context.Background(), "housing", req)
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(judged) != 1 {
				t.Fatalf("%d judge requests, want 1", len(judged))
			}
			if ans.Body.Paraphrased != tt.wantPara {
				t.Fatalf("paraphrased = %v, want %v (fallbacks %v)", ans.Body.Paraphrased, tt.wantPara, obs.reasons())
			}
			if !tt.wantPara && ans.Body.Short != curated.Short {
				t.Errorf("short = %q, want the curated text", ans.Body.Short)
			}
			got := obs.reasons()
			if tt.wantPara && len(got) != 0 || !tt.wantPara && (len(got) != 1 || got[0] != tt.wantReason) {
				t.Errorf("fallbacks %v, want [%s]", got, tt.wantReason)
			}
			user := judged[0].Messages[1].Content
			for _, leak := range []string{"my rent doubled", "4242", "-100777", "telegram"} {
				if strings.Contains(user, leak) {
					t.Errorf("the judge was sent %q", leak)
				}
			}
			if !strings.Contains(user, "238,000") || !strings.Contains(user, "No: ") {
				t.Errorf("the judge was not sent both texts: %.200s", user)
			}
		})
	}
}

// TestNoJudgeByDefault checks that without a judge a guarded paraphrase is used after one call.
func TestNoJudgeByDefault(t *testing.T) {
	ix := builtinIndex(t)
	fake := openaitest.New()
	defer fake.Close()
	fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
		p := promptOf(t, req)
		return reply("No: "+p.Short, p.Full)
	}
	client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat"})
	b := bot.New(bot.Options{Matcher: ix, Paraphraser: client, Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}})
	ans, err := b.Explain(context.Background(), "housing", bot.Request{Text: housingQuestion, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Received("/v1/chat/completions")); n != 1 || !ans.Body.Paraphrased {
		t.Errorf("%d calls, paraphrased %v; want 1 call and the paraphrase", n, ans.Body.Paraphrased)
	}
}

// TestReversedAnswersRefused sends the model replies of issue 18, which the form guards let
// through, through the fake server: each falls back to the curated text.
func TestReversedAnswersRefused(t *testing.T) {
	ix := builtinIndex(t)
	curated := ix.Base().Myth("crime").Text("en")
	tests := []struct{ short, reason string }{
		{"Immigrants are criminals. The data is clear: newcomers bring crime to our cities.", "dehumanising"},
		{"Immigrants do bring crime. The data is clear: newcomers bring crime to our cities.", "restates_myth"},
		{"These illegals are invaders and vermin who bring crime.", "dehumanising"},
		{"Statistics Canada found newcomers commit most violent crimes in Toronto.", "new_quantity"},
		{"Canadian research doesn't support this; read more at evil[.]example", "link"},
	}
	for _, tt := range tests {
		t.Run(tt.short, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
				return reply(tt.short, promptOf(t, req).Full)
			}
			obs := &observer{}
			client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat"})
			b := bot.New(bot.Options{Matcher: ix, Paraphraser: client, Observer: obs,
				Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}})
			ans, err := b.Explain(context.Background(), "crime", bot.Request{Text: "Do immigrants bring crime?", Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Body.Paraphrased || ans.Body.Short != curated.Short {
				t.Errorf("served %q, want the curated text", ans.Body.Short)
			}
			if got := obs.reasons(); len(got) != 1 || got[0] != tt.reason {
				t.Errorf("fallbacks %v, want [%s]", got, tt.reason)
			}
		})
	}
}
