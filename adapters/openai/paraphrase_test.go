package openai_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/adapters/openai"
	"factline/adapters/openai/openaitest"
	"factline/bot"
	"factline/facts"
	"factline/facts/factstest"
)

// observer records the fallbacks the bot reports.
type observer struct {
	mu        sync.Mutex
	fallbacks []string
}

func (o *observer) ObserveAnswer(bot.Surface, bot.Outcome, time.Duration) {}
func (o *observer) ObserveReload(bool)                                    {}
func (o *observer) ObserveStoreError(string)                              {}
func (o *observer) ObserveFallback(reason string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.fallbacks = append(o.fallbacks, reason)
}

func (o *observer) reasons() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.fallbacks...)
}

func builtinIndex(t testing.TB) *facts.Index { return factstest.Index(t) }

// prompt is the curated text the adapter sent, read back from the user message.
type prompt struct {
	Question string `json:"question"`
	Short    string `json:"short"`
	Full     string `json:"full"`
}

func promptOf(t testing.TB, req openaitest.ChatRequest) prompt {
	t.Helper()
	var p prompt
	if len(req.Messages) != 2 || json.Unmarshal([]byte(req.Messages[1].Content), &p) != nil {
		t.Errorf("unexpected messages: %+v", req.Messages)
	}
	return p
}

// reply encodes a model's answer the way the prompt asks for it.
func reply(short, full string) openaitest.Response {
	b, _ := json.Marshal(map[string]string{"short": short, "full": full})
	return openaitest.Response{Content: string(b)}
}

// Tagalog translations of the housing answer, written with the curated numbers only.
const (
	tagalogShort = "Nagdaragdag ng pangangailangan ang paglaki ng populasyon, pero mas luma ang kakulangan kaysa sa pagdagsa: umabot sa rekord ang presyo noong 2020 kahit halos nahati ang imigrasyon, at tumutulong ang mga imigrante sa pagtatayo ng bahay."
	tagalogFull  = "Oo, nagdaragdag ng pangangailangan ang mas maraming tao [2]. Pero mula 2015, mas mabilis dumami ang mga sambahayan kaysa sa mga bagong bahay: 238,000 na sambahayan noong 2019 laban sa mga 188,000 na natapos na bahay bawat taon [1]. Noong 2020, 184,624 lang ang tinanggap na imigrante at 0.4% lang ang paglaki ng populasyon [3], pero umabot sa rekord na $607,280 ang karaniwang presyo ng bahay, tumaas ng 17.1% [4]. Ang mga imigrante ay 23% ng mga nagtatayo ng bahay [5]."
)

const housingQuestion = "Is it true that my rent doubled because of immigrants?"

func TestParaphrase(t *testing.T) {
	ix := builtinIndex(t)
	curated := ix.Base().Myth("housing").Text("en")
	faithful := func(req openaitest.ChatRequest) openaitest.Response {
		p := promptOf(t, req)
		return reply("No: "+p.Short, "Your rent and immigration: "+p.Full)
	}
	tests := []struct {
		name       string
		chat       func(openaitest.ChatRequest) openaitest.Response
		lang       string
		policy     bot.ParaphrasePolicy
		timeout    time.Duration
		wantPara   bool
		wantReason string
	}{
		{"faithful paraphrase accepted", faithful, "en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, true, ""},
		{"translation to a language the base lacks", func(openaitest.ChatRequest) openaitest.Response { return reply(tagalogShort, tagalogFull) },
			"tl", bot.ParaphrasePolicy{Mode: bot.LLMTranslate}, 0, true, ""},
		{"invented number rejected", func(req openaitest.ChatRequest) openaitest.Response {
			p := promptOf(t, req)
			return reply(p.Short+" Rents rose 45% in 2024.", p.Full)
		}, "en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "invented_number"},
		{"added URL rejected", func(req openaitest.ChatRequest) openaitest.Response {
			p := promptOf(t, req)
			return reply(p.Short, p.Full+" More at https://example.com/rent.")
		}, "en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "link"},
		{"wrong language rejected", func(req openaitest.ChatRequest) openaitest.Response {
			p := promptOf(t, req)
			return reply(p.Short, p.Full) // asked for Tagalog, answered in English
		}, "tl", bot.ParaphrasePolicy{Mode: bot.LLMTranslate}, 0, false, "wrong_language"},
		{"over-long short answer rejected", func(req openaitest.ChatRequest) openaitest.Response {
			p := promptOf(t, req)
			return reply(p.Short+" Housing is a complicated subject with many causes, and the evidence shows it.", p.Full)
		}, "en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "too_long"},
		{"refusal rejected", func(openaitest.ChatRequest) openaitest.Response {
			return reply("I'm sorry, I can't help with that.", "I'm sorry, I can't help with that.")
		}, "en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "refusal"},
		{"not JSON", func(openaitest.ChatRequest) openaitest.Response { return openaitest.Response{Content: "Sure thing!"} },
			"en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "bad_response"},
		{"cut at max tokens", func(openaitest.ChatRequest) openaitest.Response {
			return openaitest.Response{Content: `{"short": "Population gr`, FinishReason: "length"}
		}, "en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "truncated"},
		{"429 falls back", func(openaitest.ChatRequest) openaitest.Response { return openaitest.Response{Status: 429} },
			"en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "rate_limited"},
		{"500 falls back", func(openaitest.ChatRequest) openaitest.Response { return openaitest.Response{Status: 500} },
			"en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 0, false, "server_error"},
		{"slow server cut at the timeout", func(openaitest.ChatRequest) openaitest.Response { return openaitest.Response{Hang: true} },
			"en", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, 200 * time.Millisecond, false, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			fake.Chat = tt.chat
			obs := &observer{}
			client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat", Timeout: tt.timeout})
			b := bot.New(bot.Options{Matcher: ix, Paraphraser: client, Paraphrase: tt.policy, Observer: obs})
			start := time.Now()
			ans, err := b.Explain(context.Background(), "housing", bot.Request{Text: housingQuestion, Lang: tt.lang, Surface: bot.SurfaceCLI})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(fake.Received("/v1/chat/completions")); n != 1 {
				t.Fatalf("%d chat requests, want 1", n)
			}
			if ans.Body.Paraphrased != tt.wantPara {
				t.Fatalf("paraphrased = %v, want %v (fallbacks %v)", ans.Body.Paraphrased, tt.wantPara, obs.reasons())
			}
			if len(ans.Sources) != len(ix.Base().Myth("housing").SourceIDs) {
				t.Errorf("%d sources, want the myth's own", len(ans.Sources))
			}
			if tt.wantPara {
				if ans.Body.Original == nil || ans.Body.Original.Short != curated.Short || ans.Body.Original.Lang != "en" {
					t.Errorf("original = %+v, want the curated English text", ans.Body.Original)
				}
				if ans.Body.Lang != tt.lang || ans.Body.Short == curated.Short {
					t.Errorf("body lang %s short %q: not the model's text", ans.Body.Lang, ans.Body.Short)
				}
				if got := obs.reasons(); len(got) != 0 {
					t.Errorf("fallbacks %v, want none", got)
				}
				return
			}
			if ans.Body.Short != curated.Short || ans.Body.Original != nil || ans.Body.Lang != "en" {
				t.Errorf("body = %+v, want the curated text", ans.Body)
			}
			if got := obs.reasons(); len(got) != 1 || got[0] != tt.wantReason {
				t.Errorf("fallbacks %v, want [%s]", got, tt.wantReason)
			}
			if tt.timeout > 0 && elapsed > tt.timeout+time.Second {
				t.Errorf("answered after %v with a %v timeout", elapsed, tt.timeout)
			}
		})
	}
}

// TestRequestSent checks what leaves the machine: curated text, languages, the question only when
// allowed, never the asker's or the chat's key; and a temperature that go-openai does not drop.
func TestRequestSent(t *testing.T) {
	ix := builtinIndex(t)
	tests := []struct {
		name         string
		policy       bot.ParaphrasePolicy
		lang         string
		wantQuestion bool
	}{
		{"rephrase sends the question", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}, "tl", true},
		{"question disabled", bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: false}, "tl", false},
		{"translate never sends it", bot.ParaphrasePolicy{Mode: bot.LLMTranslate, SendQuestion: true}, "tl", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			fake.Chat = func(openaitest.ChatRequest) openaitest.Response { return reply(tagalogShort, tagalogFull) }
			client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat", MaxTokens: 900})
			b := bot.New(bot.Options{Matcher: ix, Paraphraser: client, Paraphrase: tt.policy})
			req := bot.Request{Text: housingQuestion, Lang: tt.lang, Surface: bot.SurfaceTelegram, Chat: "telegram:-100777", User: "telegram:4242"}
			if _, err := b.Explain(context.Background(), "housing", req); err != nil {
				t.Fatal(err)
			}
			bodies := fake.Received("/v1/chat/completions")
			if len(bodies) != 1 {
				t.Fatalf("%d requests, want 1", len(bodies))
			}
			body := string(bodies[0])
			if got := strings.Contains(body, "my rent doubled"); got != tt.wantQuestion {
				t.Errorf("question sent = %v, want %v", got, tt.wantQuestion)
			}
			for _, secret := range []string{"4242", "-100777", "telegram"} {
				if strings.Contains(body, secret) {
					t.Errorf("request carries %q", secret)
				}
			}
			var req2 openaitest.ChatRequest
			if err := json.Unmarshal(bodies[0], &req2); err != nil {
				t.Fatal(err)
			}
			if req2.Temperature == nil || *req2.Temperature != openai.Temperature || req2.MaxTokens != 900 || req2.Model != "fake-chat" {
				t.Errorf("temperature %v, max_tokens %d, model %q", req2.Temperature, req2.MaxTokens, req2.Model)
			}
			if !strings.Contains(body, "Tagalog") || !strings.Contains(body, "238,000") {
				t.Errorf("the target language or the curated text is missing: %.300s", body)
			}
		})
	}
}

// TestNoCallNeeded checks the modes that must not call the model at all.
func TestNoCallNeeded(t *testing.T) {
	ix := builtinIndex(t)
	tests := []struct {
		name   string
		policy bot.ParaphrasePolicy
		req    bot.Request
	}{
		{"off", bot.ParaphrasePolicy{Mode: bot.LLMOff}, bot.Request{Text: housingQuestion, Lang: "tl"}},
		{"translate, language in the base", bot.ParaphrasePolicy{Mode: bot.LLMTranslate}, bot.Request{Text: housingQuestion, Lang: "fr"}},
		{"rephrase without a question to adapt to", bot.ParaphrasePolicy{Mode: bot.LLMRephrase}, bot.Request{Text: housingQuestion, Lang: "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			fake.Chat = func(openaitest.ChatRequest) openaitest.Response { return reply(tagalogShort, tagalogFull) }
			b := bot.New(bot.Options{Matcher: ix, Paraphraser: openai.New(openai.Options{BaseURL: fake.URL(), Model: "m"}), Paraphrase: tt.policy})
			ans, err := b.Explain(context.Background(), "housing", tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(fake.Received("/v1/chat/completions")); n != 0 || ans.Body.Paraphrased {
				t.Errorf("%d requests, paraphrased %v; want none", n, ans.Body.Paraphrased)
			}
		})
	}
}

func TestCache(t *testing.T) {
	ix := builtinIndex(t)
	fake := openaitest.New()
	defer fake.Close()
	fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
		p := promptOf(t, req)
		return reply("No: "+p.Short, p.Full)
	}
	b := bot.New(bot.Options{Matcher: ix, Paraphraser: openai.New(openai.Options{BaseURL: fake.URL(), Model: "m"}),
		Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}})
	asks := []struct {
		question  string
		wantCalls int
	}{
		{housingQuestion, 1},
		{"  is it TRUE that my rent doubled because of immigrants ", 1}, // same question, normalized
		{"Did immigrants cause the rent crisis?", 2},
	}
	for _, a := range asks {
		ans, err := b.Explain(context.Background(), "housing", bot.Request{Text: a.question, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Body.Paraphrased {
			t.Errorf("%q: not paraphrased", a.question)
		}
		if n := len(fake.Received("/v1/chat/completions")); n != a.wantCalls {
			t.Errorf("after %q: %d calls, want %d", a.question, n, a.wantCalls)
		}
	}
}

// TestReplyBodyCapped checks that a huge reply is cut at MaxReplyBytes instead of being read
// into memory: the answer falls back with the reason "too_large".
func TestReplyBodyCapped(t *testing.T) {
	ix := builtinIndex(t)
	fake := openaitest.New()
	defer fake.Close()
	// A valid reply whose short text alone is twice the cap: without the cap it is read whole,
	// parsed, and refused only later by the length guard.
	huge := strings.Repeat("a", 2*openai.MaxReplyBytes)
	fake.Chat = func(openaitest.ChatRequest) openaitest.Response { return reply(huge, huge) }
	obs := &observer{}
	client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat"})
	b := bot.New(bot.Options{Matcher: ix, Paraphraser: client, Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMTranslate}, Observer: obs})
	ans, err := b.Explain(context.Background(), "housing", bot.Request{Text: housingQuestion, Lang: "tl"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Body.Paraphrased {
		t.Fatal("a reply over the cap was used")
	}
	if got := obs.reasons(); len(got) != 1 || got[0] != "too_large" {
		t.Errorf("fallbacks %v, want [too_large]", got)
	}
}

// TestReplyBodyCappedWithOwnClient checks that the cap also wraps a caller's HTTP client.
func TestReplyBodyCappedWithOwnClient(t *testing.T) {
	fake := openaitest.New()
	defer fake.Close()
	huge := strings.Repeat("b", openai.MaxReplyBytes+1)
	fake.Chat = func(openaitest.ChatRequest) openaitest.Response { return reply(huge, huge) }
	client := openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat", HTTPClient: &http.Client{}})
	_, err := client.Paraphrase(context.Background(), bot.ParaphraseRequest{Lang: "tl", SourceLang: "en", Short: "s", Full: "f"})
	var oe *openai.Error
	if !errors.As(err, &oe) || oe.Reason != "too_large" {
		t.Errorf("err = %v, want a too_large error", err)
	}
}
