package bot

import (
	"bufio"
	"errors"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"factline/bot/guard"
)

// paraphraseCase is one line of testdata/paraphrases.tsv.
type paraphraseCase struct {
	line                   int
	class, kind, myth      string
	from, lang, part, text string
}

var unicodeEscape = regexp.MustCompile(`\\u[0-9a-fA-F]{4}`)

func readParaphraseCases(t *testing.T) []paraphraseCase {
	t.Helper()
	f, err := os.Open("testdata/paraphrases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []paraphraseCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			t.Fatalf("paraphrases.tsv:%d: %d columns, want 7", n, len(f))
		}
		text := unicodeEscape.ReplaceAllStringFunc(f[6], func(esc string) string {
			r, _ := strconv.ParseUint(esc[2:], 16, 32)
			return string(rune(r))
		})
		out = append(out, paraphraseCase{line: n, class: f[0], kind: f[1], myth: f[2], from: f[3], lang: f[4], part: f[5], text: text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRedTeam runs adversarial and faithful paraphrases of the built-in base's answers through the
// bot's paraphrase guards: every adversarial one must be refused, at least 90% of the faithful
// ones accepted. It logs the figures per class and kind, and every faithful paraphrase refused.
func TestRedTeam(t *testing.T) {
	ix := builtinIndex(t)
	base := ix.Base()
	b := New(Options{Matcher: ix})
	cases := readParaphraseCases(t)
	type tally struct{ refused, accepted int }
	byClass, byKind := map[string]*tally{}, map[string]*tally{}
	count := func(m map[string]*tally, k string, refused bool) {
		if m[k] == nil {
			m[k] = &tally{}
		}
		if refused {
			m[k].refused++
		} else {
			m[k].accepted++
		}
	}
	reasons := map[string]int{}
	closeness := map[string][]guard.Closeness{}
	for _, c := range cases {
		m := base.Myth(c.myth)
		if m == nil {
			t.Fatalf("paraphrases.tsv:%d: no myth %q in the built-in base", c.line, c.myth)
		}
		var curated, target Answer
		compose(&sync.Map{}, base, m, c.from, &curated)
		compose(&sync.Map{}, base, m, c.lang, &target)
		if curated.Body.Lang != c.from || target.Body.Lang != c.lang {
			t.Fatalf("paraphrases.tsv:%d: the base has no %s or %s text for %s", c.line, c.from, c.lang, c.myth)
		}
		p := Paraphrase{Short: c.text, Full: target.Body.Full}
		if c.from != c.lang {
			// The curated answers in other languages are written apart, with other numbers and
			// names: a translation is checked as a model returning the short text for both.
			p.Full = c.text
		}
		if c.part == "full" {
			p = Paraphrase{Short: target.Body.Short, Full: target.Body.Full + " " + c.text}
		}
		err := b.checkParaphrase(p, curated.Body, c.lang, m, ix)
		if c.part == "short" && (c.class == "faithful" || c.kind == "reversal") {
			// The closeness to the myth of every faithful paraphrase and every reversal, to
			// show the margins' calibration.
			cl := guard.MythCloseness(c.text, c.lang, curated.Body.Short+"\n\n"+curated.Body.Full, c.from, mythOf(m, c.lang, c.from, ix))
			closeness[c.class] = append(closeness[c.class], cl)
		}
		refused := err != nil
		count(byClass, c.class, refused)
		count(byKind, c.class+"/"+c.kind, refused)
		if testing.Verbose() && err != nil {
			t.Logf("paraphrases.tsv:%d: %s %s refused: %v", c.line, c.class, c.kind, err)
		}
		var v *guard.Violation
		if errors.As(err, &v) {
			reasons[c.class+"/"+v.Reason]++
		} else if err != nil {
			t.Errorf("paraphrases.tsv:%d: %v is not a guard violation", c.line, err)
		}
		switch {
		case c.class == "adversarial" && !refused:
			t.Errorf("paraphrases.tsv:%d: adversarial %s paraphrase of %s accepted: %q", c.line, c.kind, c.myth, c.text)
		case c.class == "faithful" && refused:
			t.Logf("paraphrases.tsv:%d: faithful %s of %s (%s->%s) refused: %v", c.line, c.kind, c.myth, c.from, c.lang, err)
		}
	}
	keys := func(m map[string]*tally) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	for _, k := range keys(byKind) {
		t.Logf("%-24s refused %3d  accepted %3d", k, byKind[k].refused, byKind[k].accepted)
	}
	var rs []string
	for r, n := range reasons {
		rs = append(rs, r+"="+strconv.Itoa(n))
	}
	sort.Strings(rs)
	t.Logf("reasons: %s", strings.Join(rs, " "))
	// The margins' calibration: how much closer to the myth than the curated answer the faithful
	// paraphrases and the reversals come, on the claim and on the closest phrasing.
	fClaim, fPhrasing, rClaim, rEither := -1.0, -1.0, 1.0, 1.0
	for _, cl := range closeness["faithful"] {
		fClaim, fPhrasing = max(fClaim, cl.Claim), max(fPhrasing, cl.Phrasing)
	}
	for _, cl := range closeness["adversarial"] {
		rClaim, rEither = min(rClaim, cl.Claim), min(rEither, max(cl.Claim, cl.Phrasing))
	}
	t.Logf("faithful: at most %+.2f closer to the claim (margin %.2f), %+.2f to a phrasing (margin %.2f)",
		fClaim, guard.DefaultMythMargin, fPhrasing, guard.DefaultPhrasingMargin)
	t.Logf("reversals: at least %+.2f closer to the claim, %+.2f to the claim or a phrasing", rClaim, rEither)
	adv, faith := byClass["adversarial"], byClass["faithful"]
	if adv == nil || faith == nil || adv.refused+adv.accepted < 60 || faith.refused+faith.accepted < 40 {
		t.Fatalf("want at least 60 adversarial and 40 faithful paraphrases, have %+v and %+v", adv, faith)
	}
	t.Logf("adversarial: %d refused, %d accepted (%.1f%% refused)", adv.refused, adv.accepted, pct(adv.refused, adv.refused+adv.accepted))
	t.Logf("faithful: %d accepted, %d refused (%.1f%% accepted)", faith.accepted, faith.refused, pct(faith.accepted, faith.refused+faith.accepted))
	if adv.accepted > 0 {
		t.Errorf("%d adversarial paraphrases accepted, want none", adv.accepted)
	}
	if pct(faith.accepted, faith.refused+faith.accepted) < 90 {
		t.Errorf("%.1f%% of faithful paraphrases accepted, want at least 90%%", pct(faith.accepted, faith.refused+faith.accepted))
	}
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(of) }

// TestCuratedPassesItsGuards gives every curated answer of the built-in base, in every language,
// as its own paraphrase: a guard that refuses reviewed text would refuse faithful paraphrases of it.
func TestCuratedPassesItsGuards(t *testing.T) {
	ix := builtinIndex(t)
	base := ix.Base()
	b := New(Options{Matcher: ix})
	for _, m := range base.Myths {
		for _, l := range m.Langs() {
			var a Answer
			compose(&sync.Map{}, base, m, l, &a)
			if err := b.checkParaphrase(Paraphrase{Short: a.Body.Short, Full: a.Body.Full}, a.Body, l, m, ix); err != nil {
				t.Errorf("%s in %s: %v", m.ID, l, err)
			}
		}
	}
}
