package match

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// mythsDir is the built-in fact base, read in place so the tests follow its phrasings.
const mythsDir = "../base/myths"

// loadMythDocs returns every myth of the fact base (each directory of mythsDir, in name order) as
// Documents, the way facts.Documents builds them (titles, claims and phrasings of every
// language). Reading the directory rather than a list keeps a new myth from being left out of
// the measures and the fit.
func loadMythDocs(tb testing.TB) []Document {
	tb.Helper()
	entries, err := os.ReadDir(mythsDir)
	if err != nil {
		tb.Fatal(err)
	}
	var docs []Document
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		id := e.Name()
		texts := readMythTexts(tb, filepath.Join(mythsDir, id))
		if len(texts) == 0 {
			tb.Fatalf("myth %s: no texts in %s", id, filepath.Join(mythsDir, id))
		}
		docs = append(docs, Document{ID: id, Texts: texts})
	}
	return docs
}

// readMythTexts reads the title, claim and phrasings of each language file of one myth.
func readMythTexts(tb testing.TB, dir string) []Text {
	var texts []Text
	for _, lang := range []string{"en", "fr", "es"} {
		data, err := os.ReadFile(filepath.Join(dir, lang+".md"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		parts := bytes.SplitN(data, []byte("---"), 3)
		if len(parts) < 3 {
			continue
		}
		var fm struct {
			Title, Claim string
			Phrasings    []string
		}
		if err := yaml.Unmarshal(parts[1], &fm); err != nil {
			tb.Fatalf("%s/%s.md: %v", dir, lang, err)
		}
		texts = append(texts, Text{Kind: KindTitle, Lang: lang, Text: fm.Title},
			Text{Kind: KindClaim, Lang: lang, Text: fm.Claim})
		for _, p := range fm.Phrasings {
			texts = append(texts, Text{Kind: KindPhrasing, Lang: lang, Text: p})
		}
	}
	return texts
}

// mythQuery is one line of testdata/myths-queries.jsonl.
type mythQuery struct {
	Text string
	Gold []string
	Lang string
}

// loadMythQueries returns the fit half (even lines) or the check half (odd lines) of the set.
func loadMythQueries(tb testing.TB, half string) []mythQuery {
	tb.Helper()
	f, err := os.Open("testdata/myths-queries.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []mythQuery
	sc := bufio.NewScanner(f)
	for i := 0; sc.Scan(); i++ {
		var q mythQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			tb.Fatalf("line %d: %v", i+1, err)
		}
		if (i%2 == 0) == (half == "fit") || half == "all" {
			qs = append(qs, q)
		}
	}
	return qs
}

// mythScores are the bot's figures on a query set for one abstain threshold and ambiguity margin.
type mythScores struct {
	OnTopic, Top1, Wrong, OffTopic, FalseAnswers int
	// Ambiguous counts answers offering two myths; TieSaved those where the second one was right.
	Ambiguous, TieSaved int
}

// scoreMyths answers every query like the bot: abstain below threshold; when the top two are
// within margin of confidence, offer both. Top1 counts answers whose first myth is gold.
func scoreMyths(ix *Index, qs []mythQuery, threshold, margin float64) mythScores {
	var s mythScores
	for _, q := range qs {
		res := ix.Search(q.Text, "", 2)
		answered := len(res) > 0 && res[0].Confidence >= threshold
		offered := []string{}
		if answered {
			offered = append(offered, res[0].ID)
			if len(res) > 1 && res[0].Confidence-res[1].Confidence < margin {
				offered = append(offered, res[1].ID)
				s.Ambiguous++
			}
		}
		if len(q.Gold) == 0 {
			s.OffTopic++
			if answered {
				s.FalseAnswers++
			}
			continue
		}
		s.OnTopic++
		switch {
		case !answered:
		case slices.Contains(q.Gold, offered[0]):
			s.Top1++
		case len(offered) > 1 && slices.Contains(q.Gold, offered[1]):
			s.TieSaved++
		default:
			s.Wrong++
		}
	}
	return s
}

// TestMythQueries measures the bot's answers on both halves of the myth query set with the
// default abstain threshold and ambiguity margin (config's defaults).
func TestMythQueries(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, half := range []string{"fit", "check"} {
		s := scoreMyths(ix, loadMythQueries(t, half), DefaultThreshold, DefaultMargin)
		t.Logf("%s: %+v top1=%.3f false=%d", half, s, float64(s.Top1)/float64(s.OnTopic), s.FalseAnswers)
		if acc := float64(s.Top1) / float64(s.OnTopic); acc < 0.9 {
			t.Errorf("%s: top answer right for %.3f of on-topic questions, want >= 0.9", half, acc)
		}
		if s.Wrong*50 > s.OnTopic {
			t.Errorf("%s: %d wrong answers to %d on-topic questions, want <= 2%%", half, s.Wrong, s.OnTopic)
		}
		if s.FalseAnswers*100 > s.OffTopic*8 {
			t.Errorf("%s: %d false answers out of %d off-topic questions, want <= 8%%", half, s.FalseAnswers, s.OffTopic)
		}
	}
}

// originalLines is the number of lines the labelled set had before issue 13's classes (replies,
// slang, slogans, misspellings, rhetorical questions and hard off-topic messages, written in
// 2026-12) were added after them. The figures on the check half of the original lines compare
// with those of earlier work; the added lines are harder, and the whole check half includes them.
const originalLines = 1288

// loadCheckLines returns the check half (odd lines) of the labelled set, of its first n lines
// (n < 0: all).
func loadCheckLines(tb testing.TB, n int) []mythQuery {
	all := loadMythQueries(tb, "all")
	if n < 0 || n > len(all) {
		n = len(all)
	}
	var qs []mythQuery
	for i := 1; i < n; i += 2 {
		qs = append(qs, all[i])
	}
	return qs
}

// thresholdFigures are the figures that set the bot's thresholds on a set of labelled lines.
type thresholdFigures struct {
	onTopic, offTopic int
	top1              float64 // right answers at DefaultThreshold over on-topic lines
	wrong, falseAns   int     // wrong answers to on-topic lines, answers to off-topic ones
	auto              float64 // the lowest threshold with false answers <= 0.5% of off-topic lines
	autoTop1          float64
	autoWrong         int
	top3              int // on-topic lines with the gold myth among the first three, at any confidence
	// recall and offSuggested, by suggestThresholds, as factline eval counts top3_recall and
	// off_topic_suggested: on-topic lines answered rightly, answered with their myth among the
	// first two alternatives offered under the answer, or, unanswered, offered their myth among
	// the suggestions; off-topic lines offered suggestions (not counting false answers).
	// strictRecall leaves out the lines whose myth was only an alternative.
	recall, strictRecall []float64
	offSuggested         []int
}

// suggestThresholds are thresholds of ChanceAmong, as the bot offers suggestions (see
// suggested); the default is among them.
var suggestThresholds = []float64{0.15, 0.2, 0.25, DefaultSuggestAbove, 0.3, 0.4, 0.5}

// suggested returns how many of the candidates res the bot offers to choose from, for a
// question no candidate answers, with suggestion threshold th (bot.Bot.suggestions).
func suggested(res []Result, th float64) int {
	confs := make([]float64, len(res))
	for i, r := range res {
		confs[i] = r.Confidence
	}
	if len(res) == 0 || ChanceAmong(confs, 3) < th {
		return 0
	}
	n := 1
	for n < min(3, len(res)) && res[n].Confidence >= SuggestFloor {
		n++
	}
	return n
}

// alternatives returns the candidates the bot offers under an answer whose first candidate is
// res[0], as the first two of its alternatives (bot.Bot.Ask): the next ones at or above
// AlternativeFloor, and the second whatever its confidence when it is within DefaultMargin of the
// first (an ambiguous answer). Two, so that the answer and its alternatives are three myths.
func alternatives(res []Result) []Result {
	var out []Result
	for i, r := range res[1:] {
		if r.Confidence >= AlternativeFloor || i == 0 && res[0].Confidence-r.Confidence < DefaultMargin {
			out = append(out, r)
		}
	}
	return out[:min(2, len(out))]
}

// measureThresholds searches every line as the bot does (the detected language as hint, four
// candidates) and computes the figures.
func measureThresholds(ix *Index, qs []mythQuery) thresholdFigures {
	type ranked struct {
		gold []string
		res  []Result
	}
	var all []ranked
	var f thresholdFigures
	for _, q := range qs {
		all = append(all, ranked{q.Gold, ix.Search(q.Text, DetectLanguage(q.Text), 4)})
		if len(q.Gold) == 0 {
			f.offTopic++
		} else {
			f.onTopic++
		}
	}
	// answers: right top answers, wrong ones and false answers (off-topic answered) at a threshold.
	answers := func(threshold float64) (right, wrong, falseAns int) {
		for _, r := range all {
			if len(r.res) == 0 || r.res[0].Confidence < threshold {
				continue
			}
			switch {
			case len(r.gold) == 0:
				falseAns++
			case slices.Contains(r.gold, r.res[0].ID):
				right++
			default:
				wrong++
			}
		}
		return
	}
	right, wrong, falseAns := answers(DefaultThreshold)
	f.top1, f.wrong, f.falseAns = float64(right)/float64(f.onTopic), wrong, falseAns
	f.auto = 1.0
	for th := 0.99; th >= DefaultThreshold; th -= 0.01 {
		if _, _, n := answers(th); n*1000 > f.offTopic*5 {
			break
		}
		f.auto = th
	}
	r, w, _ := answers(f.auto)
	f.autoTop1, f.autoWrong = float64(r)/float64(f.onTopic), w
	for _, r := range all {
		if len(r.gold) > 0 && slices.ContainsFunc(r.res[:min(3, len(r.res))], func(x Result) bool { return slices.Contains(r.gold, x.ID) }) {
			f.top3++
		}
	}
	for _, th := range suggestThresholds {
		hit, offSuggested, inAlt := 0, 0, 0
		for _, r := range all {
			if len(r.res) > 0 && r.res[0].Confidence >= DefaultThreshold {
				switch {
				case len(r.gold) == 0:
				case slices.Contains(r.gold, r.res[0].ID):
					hit++
				case slices.ContainsFunc(alternatives(r.res), func(x Result) bool { return slices.Contains(r.gold, x.ID) }):
					hit++
					inAlt++
				}
				continue
			}
			shown := r.res[:suggested(r.res, th)]
			switch {
			case len(r.gold) == 0 && len(shown) > 0:
				offSuggested++
			case len(r.gold) > 0 && slices.ContainsFunc(shown, func(x Result) bool { return slices.Contains(r.gold, x.ID) }):
				hit++
			}
		}
		f.recall = append(f.recall, float64(hit)/float64(f.onTopic))
		f.strictRecall = append(f.strictRecall, float64(hit-inAlt)/float64(f.onTopic))
		f.offSuggested = append(f.offSuggested, offSuggested)
	}
	return f
}

func (f thresholdFigures) log(t *testing.T, name string) {
	t.Logf("%s: %d on-topic, %d off-topic", name, f.onTopic, f.offTopic)
	t.Logf("  ask mode, threshold %.2f: top1 %.3f (%d wrong), false answers %d (%.1f%% of off-topic)",
		DefaultThreshold, f.top1, f.wrong, f.falseAns, 100*float64(f.falseAns)/float64(f.offTopic))
	t.Logf("  auto mode: lowest threshold with false answers <= 0.5%% of off-topic: %.2f: top1 %.3f (%d wrong)", f.auto, f.autoTop1, f.autoWrong)
	t.Logf("  gold in the top 3 at any confidence: %d of %d (%.3f)", f.top3, f.onTopic, float64(f.top3)/float64(f.onTopic))
	t.Logf("  suggest threshold (chance the myth is among the first three): on-topic answered rightly or offered their myth (top3_recall) / off-topic offered suggestions")
	for i, th := range suggestThresholds {
		t.Logf("    %.2f: %.3f on-topic (%.3f counting suggestions only), %d/%d off-topic suggested", th, f.recall[i], f.strictRecall[i], f.offSuggested[i], f.offTopic)
	}
}

// TestMythThresholds prints, for the check half of the myth query set, the figures that set the
// bot's thresholds (issue 13): answers at the default threshold; the lowest threshold that keeps
// false answers to off-topic messages at or under 0.5% (auto mode, where the bot only overhears);
// and, for "suggest" thresholds, how many on-topic messages have their myth among three
// suggestions at or above it and how many off-topic ones would get suggestions. It prints them
// for the original lines' check half, which compares with earlier work, and for the whole check
// half, and checks issue 13's targets.
func TestMythThresholds(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	orig := measureThresholds(ix, loadCheckLines(t, originalLines))
	orig.log(t, "check half, original lines")
	whole := measureThresholds(ix, loadCheckLines(t, -1))
	whole.log(t, "check half, with issue 13's lines")
	// The product's targets (issue 13): top-1 >= 0.95, false answers <= 3%, top-3 recall (the
	// right myth answered, among the first two alternatives offered under an answer, or
	// suggested) >= 0.99. With the 29 myths the test checks each target, and holds the off-topic
	// lines offered suggestions to the figures reached, so that no change buys recall with noise:
	// 23 of 210 on the original lines, 30 of 236 on the whole check half.
	def := slices.Index(suggestThresholds, DefaultSuggestAbove)
	for _, c := range []struct {
		name                 string
		f                    thresholdFigures
		top1, falseMax, rec3 float64
		offSuggested         int
	}{
		{"original lines", orig, 0.95, 0.03, 0.99, 23},
		{"whole check half", whole, 0.95, 0.03, 0.99, 30},
	} {
		t.Logf("targets, %s: top1 %.3f (want >= 0.95), false answers %.1f%% (want <= 3%%), top-3 recall %.3f (want >= 0.99)",
			c.name, c.f.top1, 100*float64(c.f.falseAns)/float64(c.f.offTopic), c.f.recall[def])
		if c.f.top1 < c.top1 {
			t.Errorf("%s: top1 %.3f at threshold %.2f, want >= %.3f (the target is 0.95)", c.name, c.f.top1, DefaultThreshold, c.top1)
		}
		if float64(c.f.falseAns) > c.falseMax*float64(c.f.offTopic) {
			t.Errorf("%s: %d false answers of %d off-topic at threshold %.2f, want <= %.0f%%", c.name, c.f.falseAns, c.f.offTopic, DefaultThreshold, 100*c.falseMax)
		}
		if c.f.recall[def] < c.rec3 {
			t.Errorf("%s: top-3 recall %.3f at suggest threshold %.2f, want >= %.3f", c.name, c.f.recall[def], DefaultSuggestAbove, c.rec3)
		}
		if c.f.offSuggested[def] > c.offSuggested {
			t.Errorf("%s: %d off-topic lines offered suggestions at suggest threshold %.2f, want <= %d", c.name, c.f.offSuggested[def], DefaultSuggestAbove, c.offSuggested)
		}
	}
}

// issue15Myths are the myths added with issue 15, whose phrasings were written after their
// labelled lines. The first 13 myths' phrasings predate the labelled set, which took some of
// their plainest ones ("we don't need immigrants") as lines; those are not checked.
var issue15Myths = []string{"asylum-hotels", "bogus-asylum-claims", "detention", "refugee-health-coverage",
	"international-students", "tfw-youth-jobs", "care-workers", "expiring-permits", "immigration-levels",
	"gdp-per-capita", "great-replacement", "voting", "integration", "birth-tourism", "remittances", "disease"}

// TestPhrasingsAreNotEvaluationLines: a phrasing that repeats a line of the labelled set or of
// the shared dev set (../shared/eval/dev.jsonl, a hold-out) would make the measures report
// memory, not matching. Lines are compared by their folded words, so case, accents and
// punctuation do not hide a copy.
func TestPhrasingsAreNotEvaluationLines(t *testing.T) {
	key := func(s string) string {
		var words []string
		for _, tk := range tokensOf(s) {
			words = append(words, tk.word)
		}
		return strings.Join(words, " ")
	}
	lines := map[string]string{}
	for _, path := range []string{"testdata/myths-queries.jsonl", "../../../shared/eval/dev.jsonl"} {
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) && strings.Contains(path, "shared") {
			t.Logf("%s absent: checking the labelled set only", path)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range bytes.Split(data, []byte("\n")) {
			var q mythQuery
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			if err := json.Unmarshal(l, &q); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			lines[key(q.Text)] = path
		}
	}
	for _, d := range loadMythDocs(t) {
		if !slices.Contains(issue15Myths, d.ID) {
			continue
		}
		for _, x := range d.Texts {
			if x.Kind != KindPhrasing {
				continue
			}
			if path, ok := lines[key(x.Text)]; ok {
				t.Errorf("myth %s (%s): a phrasing repeats a line of %s: reword it", d.ID, x.Lang, path)
			}
		}
	}
}
