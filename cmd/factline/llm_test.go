package main

import (
	"encoding/json"
	"strings"
	"testing"

	"factline/adapters/openai/openaitest"
)

// TestAskWithLLM runs `factline ask --format json` against a fake OpenAI server, configured only
// through the environment, and checks that answer.paraphrased and answer.original tell the truth.
func TestAskWithLLM(t *testing.T) {
	const question = "Immigrants and international students are causing the housing crisis."
	tests := []struct {
		name     string
		mode     string
		lang     string
		model    func(short, full string) (string, string)
		wantPara bool
		wantLang string
	}{
		{"faithful rephrase", "rephrase", "en", func(s, f string) (string, string) { return "Not quite. " + s, f }, true, "en"},
		{"invented number", "rephrase", "en", func(s, f string) (string, string) { return s + " Rents rose 80%.", f }, false, "en"},
		{"translate leaves a language the base has", "translate", "fr", func(s, f string) (string, string) { return s, f }, false, "fr"},
		{"off", "off", "en", func(s, f string) (string, string) { return "Not quite. " + s, f }, false, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
				var p struct{ Short, Full string }
				if len(req.Messages) != 2 || json.Unmarshal([]byte(req.Messages[1].Content), &p) != nil {
					return openaitest.Response{Status: 400}
				}
				short, full := tt.model(p.Short, p.Full)
				b, _ := json.Marshal(map[string]string{"short": short, "full": full})
				return openaitest.Response{Content: string(b)}
			}
			vars := map[string]string{"OPENAI_BASE_URL": fake.URL(), "FACTLINE_LLM_MODEL": "fake-chat", "FACTLINE_LLM_MODE": tt.mode}
			code, out, errOut := runCLI(t, vars, "ask", "--format", "json", "--lang", tt.lang, question)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var ans struct {
				Answer struct {
					Short       string `json:"short"`
					Lang        string `json:"lang"`
					Paraphrased bool   `json:"paraphrased"`
					Original    *struct {
						Short string `json:"short"`
						Lang  string `json:"lang"`
					} `json:"original"`
				} `json:"answer"`
			}
			if err := json.Unmarshal([]byte(out), &ans); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			a := ans.Answer
			if a.Paraphrased != tt.wantPara || (a.Original != nil) != tt.wantPara || a.Lang != tt.wantLang {
				t.Fatalf("paraphrased %v, original %+v, lang %s; want paraphrased %v in %s", a.Paraphrased, a.Original, a.Lang, tt.wantPara, tt.wantLang)
			}
			if tt.wantPara && (!strings.HasPrefix(a.Short, "Not quite. ") || a.Original.Short == a.Short) {
				t.Errorf("short %q, original %q", a.Short, a.Original.Short)
			}
			if !tt.wantPara && strings.Contains(a.Short, "Not quite") {
				t.Errorf("the model's text was shown: %q", a.Short)
			}
			for _, format := range []string{"text", "markdown"} {
				_, out, _ := runCLI(t, vars, "ask", "--format", format, "--lang", tt.lang, question)
				if got := strings.Contains(out, "Rephrased by AI from a reviewed answer"); got != tt.wantPara {
					t.Errorf("%s output says rephrased = %v, want %v:\n%s", format, got, tt.wantPara, out)
				}
			}
		})
	}
}

// TestServeRefusesLLMMisconfiguration checks the settings that cannot work together stop serve
// before it starts anything.
func TestServeRefusesLLMMisconfiguration(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"embeddings without a server", map[string]string{"FACTLINE_EMBEDDINGS_MODEL": "nomic-embed-text"}, "needs OPENAI_BASE_URL"},
		{"embeddings would send the question", map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "FACTLINE_EMBEDDINGS_MODEL": "nomic-embed-text",
			"FACTLINE_LLM_SEND_QUESTION": "false"}, "FACTLINE_LLM_SEND_QUESTION=false forbids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.vars, "serve")
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
		})
	}
}

// TestAskWithJudge checks that FACTLINE_LLM_JUDGE wires the fidelity judge into ask: the
// paraphrase is used only when the judge says yes.
func TestAskWithJudge(t *testing.T) {
	const question = "Immigrants and international students are causing the housing crisis."
	for _, verdict := range []string{"yes", "no"} {
		t.Run(verdict, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
				if strings.Contains(req.Messages[0].Content, "exactly one word") {
					return openaitest.Response{Content: verdict}
				}
				var p struct{ Short, Full string }
				if json.Unmarshal([]byte(req.Messages[1].Content), &p) != nil {
					return openaitest.Response{Status: 400}
				}
				b, _ := json.Marshal(map[string]string{"short": "Not quite. " + p.Short, "full": p.Full})
				return openaitest.Response{Content: string(b)}
			}
			vars := map[string]string{"OPENAI_BASE_URL": fake.URL(), "FACTLINE_LLM_MODEL": "fake-chat", "FACTLINE_LLM_MODE": "rephrase", "FACTLINE_LLM_JUDGE": "true"}
			code, out, errOut := runCLI(t, vars, "ask", "--format", "json", "--lang", "en", question)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var ans struct {
				Answer struct {
					Paraphrased bool `json:"paraphrased"`
				} `json:"answer"`
			}
			if err := json.Unmarshal([]byte(out), &ans); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if n := len(fake.Received("/v1/chat/completions")); n != 2 {
				t.Errorf("%d calls, want the paraphrase and the judge", n)
			}
			if ans.Answer.Paraphrased != (verdict == "yes") {
				t.Errorf("judge said %s, paraphrased = %v", verdict, ans.Answer.Paraphrased)
			}
		})
	}
}
