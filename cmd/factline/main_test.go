package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factline/facts"
)

// runCLI runs factline in-process with the given environment variables.
func runCLI(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }})
	return code, out.String(), errb.String()
}

func TestAskText(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "ask", "immigrants are the reason rent is so high")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Sources:\n[1] ") || !strings.Contains(out, "https://www.pbo-dpb.ca/") {
		t.Errorf("text output lacks the housing sources:\n%s", out)
	}
}

// TestAskJSONContract checks the keys other tools rely on.
func TestAskJSONContract(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "ask", "--format", "json", "they", "take", "our", "jobs", "--lang", "fr")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"query", "lang", "match", "alternatives", "answer", "sources"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if got["query"] != "they take our jobs" || got["lang"] != "fr" {
		t.Errorf("query/lang = %v/%v", got["query"], got["lang"])
	}
	match, _ := got["match"].(map[string]any)
	if match["id"] != "jobs" || match["verdict"] == nil || match["claim"] == nil || match["confidence"] == nil {
		t.Errorf("match = %v", match)
	}
	answer, _ := got["answer"].(map[string]any)
	for _, k := range []string{"short", "full", "lang", "reviewed", "paraphrased"} {
		if _, ok := answer[k]; !ok {
			t.Errorf("answer lacks %q", k)
		}
	}
	if answer["lang"] != "fr" || answer["paraphrased"] != false {
		t.Errorf("answer lang/paraphrased = %v/%v", answer["lang"], answer["paraphrased"])
	}
	sources, _ := got["sources"].([]any)
	if len(sources) < 2 {
		t.Fatalf("sources = %v", got["sources"])
	}
	for _, k := range []string{"id", "title", "publisher", "url"} {
		if _, ok := sources[0].(map[string]any)[k]; !ok {
			t.Errorf("source lacks %q", k)
		}
	}
}

func TestAskAbstainJSON(t *testing.T) {
	_, out, _ := runCLI(t, nil, "ask", "--format=json", "what time is the rally tomorrow?")
	var got struct {
		Match  *struct{} `json:"match"`
		Answer *struct{} `json:"answer"`
		Topics []any     `json:"topics"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Match != nil || got.Answer != nil || len(got.Topics) == 0 {
		t.Errorf("off-topic question answered: %s", out)
	}
}

func TestAskMarkdownEscapes(t *testing.T) {
	code, out, _ := runCLI(t, nil, "ask", "--format", "markdown", "refugees get more money than pensioners")
	if code != 0 || !strings.Contains(out, "**Claim:**") || !strings.Contains(out, "](https://") {
		t.Errorf("markdown output:\n%s", out)
	}
}

func TestCLIErrors(t *testing.T) {
	tests := []struct {
		args []string
		vars map[string]string
		code int
		want string
	}{
		{nil, nil, 2, "Usage: factline <command>"},
		{[]string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`},
		{[]string{"ask"}, nil, 2, "factline: ask: nothing to check"},
		{[]string{"ask", "  "}, nil, 2, "nothing to check"},
		{[]string{"ask", "--format", "yaml", "x"}, nil, 2, `factline: ask: unknown --format "yaml"`},
		{[]string{"ask", "--myth", "housing", "x"}, nil, 2, "factline: ask: give either a claim or --myth ID, not both"},
		{[]string{"ask", "--myth", "nope"}, nil, 1, "factline: ask: no myth with id nope\n"},
		{[]string{"ask", "--nope", "x"}, nil, 2, "flag provided but not defined: -nope"},
		{[]string{"ask", "--facts", "/does/not/exist", "x"}, nil, 1, "factline: ask: fact base: stat /does/not/exist: no such file or directory"},
		{[]string{"ask", "x"}, map[string]string{"FACTLINE_LOG_FORMAT": "xml"}, 1, `log.format "xml"`},
		{[]string{"ask", "x"}, map[string]string{"FACTLINE_USER_BURST": "many"}, 1, "FACTLINE_USER_BURST"},
		{[]string{"lint", "a", "b"}, nil, 2, "factline: lint: give at most one folder"},
		{[]string{"export"}, nil, 2, "factline export claimreview"},
		{[]string{"eval"}, nil, 2, "Usage: factline eval"},
		{[]string{"serve"}, map[string]string{"FACTLINE_HTTP_ADDR": "off"}, 1, "factline: serve: no surface is configured"},
		{[]string{"healthcheck"}, map[string]string{"FACTLINE_HTTP_ADDR": "off"}, 1, "factline: healthcheck: the web server is off"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.vars, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("factline %v: exit %d, output %q; want exit %d and %q", tt.args, code, out+errOut, tt.code, tt.want)
		}
		if strings.Contains(errOut, "goroutine ") {
			t.Errorf("factline %v printed a stack trace", tt.args)
		}
		if n := strings.Count(errOut, "factline: "); n > 1 {
			t.Errorf("factline %v printed its error %d times: %q", tt.args, n, errOut)
		}
	}
}

// TestServeTakenPort: an error that stops serve is printed once, naming the command and the
// component once each, then the cause: "factline: serve: web: listen tcp ADDR: bind: ...".
func TestServeTakenPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	code, _, errOut := runCLI(t, map[string]string{"FACTLINE_HTTP_ADDR": addr, "FACTLINE_DATA_DIR": t.TempDir(), "FACTLINE_LOG_LEVEL": "warn"}, "serve")
	want := "factline: serve: web: listen tcp " + addr + ": bind: address already in use\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, errOut, want)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"ask", "--help"}, {"lint", "-h"}, {"serve", "--help"}} {
		code, out, errOut := runCLI(t, nil, args...)
		if code != 0 || strings.Count(out, "Usage: factline") != 1 || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want the usage once, on standard output", args, code, out, errOut)
		}
	}
	// A bad flag is an error: its message and the usage, once, on standard error.
	code, out, errOut := runCLI(t, nil, "ask", "--nosuchflag", "x")
	if code != 2 || out != "" || !strings.Contains(errOut, "flag provided but not defined: -nosuchflag") || strings.Count(errOut, "Usage: factline ask") != 1 {
		t.Errorf("bad flag: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestLintBuiltinAndBroken(t *testing.T) {
	if code, out, _ := runCLI(t, nil, "lint"); code != 0 || !strings.Contains(out, fmt.Sprintf("built-in fact base: ok, %d myths in en, es, fr", builtinMyths(t))) {
		t.Errorf("lint built-in: exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	copyDir(t, "../../facts/base", dir)
	meta := filepath.Join(dir, "myths", "jobs", "myth.yaml")
	data, _ := os.ReadFile(meta)
	if err := os.WriteFile(meta, bytes.Replace(data, []byte("verdict: "), []byte("verdict: sorta-"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, nil, "lint", dir)
	if code != 1 || !strings.Contains(out, filepath.Join(dir, "myths/jobs/myth.yaml")+":1: error: unknown verdict") {
		t.Errorf("lint broken: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, nil, "ask", "--facts", dir, "they take our jobs"); code != 1 || !strings.Contains(errOut, "unknown verdict") {
		t.Errorf("ask with a broken base: exit %d, %s", code, errOut)
	}
}

// TestLintMaxReviewAge sets the review age on the command line, over the environment; 0 turns the
// check off. The base is a one-myth folder reviewed on 2026-11-01, so the test stays fast.
func TestLintMaxReviewAge(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"sources/s.yaml": "- id: stats\n  title: Housing starts\n  publisher: Statistics Office\n  url: https://example.org/a\n" +
			"  evidence: [{quote: \"Completions fell behind.\", where: \"Chart 3\"}]\n",
		"myths/housing/myth.yaml": "verdict: misleading\nreviewed: 2026-11-01\nsources: [stats]\n",
		"words/en.yaml": "language: English\nclaim: Claim\nverdict: Verdict\nsources: Sources\nreviewed: Reviewed\n" +
			"verdicts: {false: False, mostly-false: Mostly false, misleading: Misleading, missing-context: Missing context, exaggerated: Exaggerated}\n" +
			"external: {label: \"By {publisher}\", said: \"{publisher} rated it {rating} on {date}\", undated: \"{publisher} rated it {rating}\", verdicts: {false: F, mostly-false: MF, misleading: M, mixed: X, true: T, other: O}}\n",
		"myths/housing/en.md": "---\ntitle: Housing\nclaim: Immigrants cause the housing crisis.\nshort: Building fell behind.\n" +
			"phrasings:\n  - immigrants are the reason rent is so high\n---\nBuilding fell behind [stats].\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stale := func(out string) int { return strings.Count(out, "myth.yaml: warning: reviewed 2026-11-01") }
	if code, out, _ := runCLI(t, nil, "lint", "--max-review-age", "1d", dir); code != 0 || stale(out) != 1 {
		t.Errorf("--max-review-age 1d: exit %d, %d stale reviews, want 1\n%s", code, stale(out), out)
	}
	if _, out, _ := runCLI(t, map[string]string{"FACTLINE_MAX_REVIEW_AGE": "1d"}, "lint", dir); stale(out) != 1 {
		t.Errorf("FACTLINE_MAX_REVIEW_AGE=1d: %d stale reviews, want 1\n%s", stale(out), out)
	}
	if _, out, _ := runCLI(t, map[string]string{"FACTLINE_MAX_REVIEW_AGE": "1d"}, "lint", "--max-review-age", "0", dir); stale(out) != 0 {
		t.Errorf("--max-review-age 0 over FACTLINE_MAX_REVIEW_AGE=1d: %d stale reviews, want none\n%s", stale(out), out)
	}
	if _, out, _ := runCLI(t, nil, "lint", "--max-review-age", "1200mo", dir); stale(out) != 0 {
		t.Errorf("--max-review-age 1200mo: %d stale reviews, want none\n%s", stale(out), out)
	}
	if code, _, errOut := runCLI(t, nil, "lint", "--max-review-age", "a year", dir); code != 2 || !strings.Contains(errOut, "--max-review-age") {
		t.Errorf("bad --max-review-age: exit %d, %s", code, errOut)
	}
}

func TestMythsAndExport(t *testing.T) {
	myths := builtinMyths(t)
	code, out, _ := runCLI(t, nil, "myths", "--lang", "es")
	if code != 0 || strings.Count(out, "\n") != myths || !strings.Contains(out, "refugee-pension-hoax") {
		t.Errorf("myths: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, nil, "export", "claimreview", "--base-url", "https://facts.example.org/")
	var reviews []map[string]any
	if err := json.Unmarshal([]byte(out), &reviews); code != 0 || err != nil {
		t.Fatalf("export: exit %d, %v", code, err)
	}
	if len(reviews) != 3*myths {
		t.Errorf("%d reviews, want %d myths x 3 languages", len(reviews), myths)
	}
	r := reviews[0]
	rating, _ := r["reviewRating"].(map[string]any)
	if r["@type"] != "ClaimReview" || r["claimReviewed"] == "" || rating["alternateName"] == nil || r["datePublished"] == nil ||
		!strings.HasPrefix(r["url"].(string), "https://facts.example.org/myths/") {
		t.Errorf("review = %v", r)
	}
}

func TestEvalOnOwnFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "set.jsonl")
	lines := `{"text": "they take our jobs", "gold": ["jobs"]}
{"text": "refugees get more money than pensioners", "gold": ["refugee-pension-hoax"]}
{"text": "what's the weather tomorrow", "gold": []}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, nil, "eval", "--json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"mode": "ask", "on_topic": 2.0, "top1_accuracy": 1.0, "wrong_answers": 0.0, "suggested": 0.0, "alternative": 0.0, "top3_recall": 1.0,
		"off_topic": 1.0, "false_answers": 0.0, "abstain_accuracy": 1.0, "off_topic_suggested": 0.0}
	for k, v := range want {
		if got, ok := r[k]; !ok || got != v {
			t.Errorf("%s = %v, want %v", k, got, v)
		}
	}
	if len(r) != len(want) {
		t.Errorf("report keys = %v, want exactly %v", r, want)
	}
	// In auto mode the same lines are overheard: a lower bar is never used, and a line that
	// would only get suggestions when asked gets nothing.
	code, out, errOut = runCLI(t, nil, "eval", "--json", "--mode", "auto", file)
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil || r["mode"] != "auto" || r["suggested"] != 0.0 || r["off_topic_suggested"] != 0.0 {
		t.Errorf("--mode auto: exit %d, %v %s\n%s", code, err, errOut, out)
	}
	if code, _, errOut := runCLI(t, nil, "eval", "--mode", "quiet", file); code != 2 || !strings.Contains(errOut, `unknown --mode "quiet"`) {
		t.Errorf("--mode quiet: exit %d, %s", code, errOut)
	}
}

// TestEvalCountsAlternatives: a line answered with another myth counts toward top3_recall when
// its myth is offered among the first two alternatives under the answer, in ask mode only (an
// overheard message's answer offers no alternatives).
func TestEvalCountsAlternatives(t *testing.T) {
	question := "our wages are going down because of immigration, they take our jobs"
	code, out, errOut := runCLI(t, nil, "ask", "--format", "json", question)
	var ans struct {
		Match        struct{ ID string }
		Alternatives []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &ans); code != 0 || err != nil {
		t.Fatalf("ask: exit %d, %v %s", code, err, errOut)
	}
	if ans.Match.ID == "" || len(ans.Alternatives) == 0 {
		t.Fatalf("the question needs an answer with an alternative for this test; got %s", out)
	}
	line, err := json.Marshal(map[string]any{"text": question, "gold": []string{ans.Alternatives[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "set.jsonl")
	if err := os.WriteFile(file, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		mode              string
		alternative, top3 float64
	}{{"ask", 1, 1}, {"auto", 0, 0}} {
		code, out, errOut := runCLI(t, nil, "eval", "--json", "--mode", c.mode, file)
		var r map[string]any
		if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
			t.Fatalf("%s: exit %d, %v %s", c.mode, code, err, errOut)
		}
		if r["top1_accuracy"] != 0.0 || r["alternative"] != c.alternative || r["top3_recall"] != c.top3 {
			t.Errorf("%s: top1_accuracy %v, alternative %v, top3_recall %v; want 0, %v, %v", c.mode, r["top1_accuracy"], r["alternative"], r["top3_recall"], c.alternative, c.top3)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// builtinMyths is how many myths the built-in fact base answers.
func builtinMyths(t *testing.T) int {
	t.Helper()
	base, err := facts.Load(facts.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return len(base.Myths)
}

// TestAskMythInTheAnswersLanguage: --myth prints a chosen myth, and every word around a French or
// Spanish answer is in its language, in every format.
func TestAskMythInTheAnswersLanguage(t *testing.T) {
	tests := []struct {
		lang, format string
		want         []string
		notWant      []string
	}{
		{"fr", "markdown", []string{"**Affirmation:**", "**Trompeur**", "**Sources**", "*Vérifié le "}, []string{"Claim", "Reviewed", "misleading"}},
		{"es", "markdown", []string{"**Afirmación:**", "**Engañoso**", "**Fuentes**", "*Revisado el "}, []string{"Claim", "Sources", "Reviewed", "misleading"}},
		{"es", "text", []string{"\nFuentes:\n[1] "}, []string{"Sources"}},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, nil, "ask", "--myth", "housing", "--lang", tt.lang, "--format", tt.format)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s %s lacks %q:\n%s", tt.lang, tt.format, w, out)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(out, w) {
				t.Errorf("%s %s has %q:\n%s", tt.lang, tt.format, w, out)
			}
		}
	}
	if code, out, _ := runCLI(t, nil, "ask", "--myth", "housing", "--format", "json"); code != 0 || !strings.Contains(out, `"outcome": "chosen"`) {
		t.Errorf("--myth json: exit %d\n%s", code, out)
	}
}
