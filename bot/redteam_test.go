package bot

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"factline/bot/guard"
	"factline/facts"

	"gopkg.in/yaml.v3"
)

// paraphraseCase is one line of testdata/paraphrases.tsv.
type paraphraseCase struct {
	line              int
	class, kind, myth string
	from, lang, part  string
	curated, text     string
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
		if len(f) != 8 {
			t.Fatalf("paraphrases.tsv:%d: %d columns, want 8", n, len(f))
		}
		text := unicodeEscape.ReplaceAllStringFunc(f[7], func(esc string) string {
			r, _ := strconv.ParseUint(esc[2:], 16, 32)
			return string(rune(r))
		})
		out = append(out, paraphraseCase{line: n, class: f[0], kind: f[1], myth: f[2], from: f[3], lang: f[4], part: f[5], curated: f[6], text: text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRedTeam runs adversarial and faithful paraphrases of the built-in base's answers through the
// bot's paraphrase guards: every adversarial one must be refused, at least 90% of the faithful
// ones accepted. Each paraphrase is checked against the curated answers it was written from
// (curatedAt), so that rewriting an answer in the base does not turn a faithful paraphrase of the
// old text into a refused one; TestCuratedPassesItsGuards covers the answers as they are now. It
// logs the figures per class and kind, and every faithful paraphrase refused.
func TestRedTeam(t *testing.T) {
	ix := builtinIndex(t)
	base := ix.Base()
	b := New(Options{Matcher: ix})
	cases := readParaphraseCases(t)
	pinned := map[[2]string]*pinnedMyth{}
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
		if base.Myth(c.myth) == nil {
			t.Fatalf("paraphrases.tsv:%d: no myth %q in the built-in base", c.line, c.myth)
		}
		key := [2]string{c.curated, c.myth}
		if pinned[key] == nil {
			pinned[key] = curatedAt(t, base, c.curated, c.myth)
		}
		m := pinned[key].myth
		curated, target := pinned[key].bodies[c.from], pinned[key].bodies[c.lang]
		if curated == nil || target == nil {
			t.Fatalf("paraphrases.tsv:%d: %s has no %s or %s text for %s", c.line, c.curated, c.from, c.lang, c.myth)
		}
		err := b.checkParaphrase(c.paraphrase(target), curated, c.lang, m, ix)
		if c.part == "short" && (c.class == "faithful" || c.kind == "reversal") {
			// The closeness to the myth of every faithful paraphrase and every reversal, to
			// show the margins' calibration.
			cl := guard.MythCloseness(c.text, c.lang, curated.Short+"\n\n"+curated.Full, c.from, mythOf(m, c.lang, c.from, ix))
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

// pinnedMyth is a myth with the curated answers it had at one commit.
type pinnedMyth struct {
	myth *facts.Myth
	// bodies are the answers per language as compose made them at that commit: the citations
	// numbered in the order of the sources the myth listed then.
	bodies map[string]*Body
}

// curatedAt returns myth id of base with the curated answers it had at commit, as copied into
// testdata/curated/<commit>/<id>/ (<lang>.md and myth.yaml, verbatim from git show): the short
// and full answer of each language the copy has, with the citations numbered by the sources
// myth.yaml listed then, even one the base has since dropped. The title, claim and phrasings
// stay base's: they are what a reversal would restate, and the guards take the myth from them.
func curatedAt(t *testing.T, base *facts.Base, commit, id string) *pinnedMyth {
	t.Helper()
	now := base.Myth(id)
	dir := filepath.Join("testdata", "curated", commit, id)
	data, err := os.ReadFile(filepath.Join(dir, "myth.yaml"))
	if err != nil {
		t.Fatalf("the answers of %s at %s: %v", id, commit, err)
	}
	var meta struct {
		Sources []string `yaml:"sources"`
	}
	if err := yaml.Unmarshal(data, &meta); err != nil {
		t.Fatalf("%s: %v", filepath.Join(dir, "myth.yaml"), err)
	}
	pin := &pinnedMyth{
		myth: &facts.Myth{ID: id, Verdict: now.Verdict, Reviewed: now.Reviewed, SourceIDs: meta.Sources,
			Texts: map[string]*facts.Text{}, Hash: commit},
		bodies: map[string]*Body{},
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("the answers of %s at %s: no <lang>.md in %s", id, commit, dir)
	}
	for _, file := range files {
		lang := strings.TrimSuffix(filepath.Base(file), ".md")
		cur, ok := now.Texts[lang]
		if !ok {
			t.Fatalf("%s: the built-in base has no %s text for %s, to take the claim from", file, lang, id)
		}
		short, full := readCurated(t, file)
		pin.myth.Texts[lang] = &facts.Text{Lang: lang, Title: cur.Title, Claim: cur.Claim, Short: short, Full: full, Phrasings: cur.Phrasings}
		numbered := citationRef.ReplaceAllStringFunc(full, func(ref string) string {
			if i := slices.Index(meta.Sources, ref[1:len(ref)-1]); i >= 0 {
				return "[" + strconv.Itoa(i+1) + "]"
			}
			return ref
		})
		pin.bodies[lang] = &Body{Short: short, Full: numbered, Lang: lang}
	}
	return pin
}

// readCurated returns the short and the full answer of a myth's <lang>.md, read as facts reads
// them: the short answer of the front matter trimmed, the body's paragraphs each joined into
// one line and separated by a blank line.
func readCurated(t *testing.T, file string) (short, full string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	front, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !ok || !strings.HasPrefix(string(data), "---\n") {
		t.Fatalf("%s: no front matter", file)
	}
	var tf struct {
		Short string `yaml:"short"`
	}
	if err := yaml.Unmarshal([]byte(front), &tf); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var paras []string
	for _, p := range paragraphBreak.Split(strings.TrimSpace(body), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	short, full = strings.TrimSpace(tf.Short), strings.Join(paras, "\n\n")
	if short == "" || full == "" {
		t.Fatalf("%s: no short or no full answer", file)
	}
	return short, full
}

var paragraphBreak = regexp.MustCompile(`\n[ \t]*\n`)

// paraphrase is what the model returns in c: target is the curated answer in c.lang.
func (c paraphraseCase) paraphrase(target *Body) Paraphrase {
	if c.part == "full" {
		return Paraphrase{Short: target.Short, Full: target.Full + " " + c.text}
	}
	if c.from != c.lang {
		// The curated answers in other languages are written apart, with other numbers and
		// names: a translation is checked as a model returning the short text for both.
		return Paraphrase{Short: c.text, Full: c.text}
	}
	return Paraphrase{Short: c.text, Full: target.Full}
}

// TestRedTeamAgainstCurrentAnswers runs the adversarial paraphrases that are wrong whatever the
// answer says (reversals, slurs, links) against the curated answers as the base has them now:
// rewriting an answer must not let a model reverse it. The restatement guard measures a reversal
// against the curated answer's own closeness to the myth, so a rewrite that echoes the claim's
// words can lower the bar; TestRedTeam, pinned to the texts the set was written from, cannot see
// that. Invented names and quantities are left out, as are the faithful paraphrases: a rewrite
// may add the name or the quantity, or drop what a faithful paraphrase kept.
//
// Each line is checked as the bot would run it: a model paraphrases the curated answer of the
// language wanted when the base has one (Bot.rephrase translates only into languages the base
// lacks), so a line written as a translation into a language of the base is checked as a
// rephrasing of that language's answer.
func TestRedTeamAgainstCurrentAnswers(t *testing.T) {
	ix := builtinIndex(t)
	base := ix.Base()
	b := New(Options{Matcher: ix})
	checked := 0
	for _, c := range readParaphraseCases(t) {
		if c.class != "adversarial" || !slices.Contains([]string{"reversal", "slur", "link"}, c.kind) {
			continue
		}
		m := base.Myth(c.myth)
		if m == nil {
			t.Fatalf("paraphrases.tsv:%d: no myth %q in the built-in base", c.line, c.myth)
		}
		if base.HasLang(c.lang) {
			c.from = c.lang
		}
		var curated, target Answer
		compose(&sync.Map{}, base, m, c.from, &curated)
		compose(&sync.Map{}, base, m, c.lang, &target)
		if curated.Body.Lang != c.from || target.Body.Lang != c.lang {
			t.Fatalf("paraphrases.tsv:%d: the base has no %s or %s text for %s", c.line, c.from, c.lang, c.myth)
		}
		checked++
		if err := b.checkParaphrase(c.paraphrase(target.Body), curated.Body, c.lang, m, ix); err == nil {
			cl := guard.MythCloseness(c.text, c.lang, curated.Body.Short+"\n\n"+curated.Body.Full, c.from, mythOf(m, c.lang, c.from, ix))
			t.Errorf("paraphrases.tsv:%d: adversarial %s paraphrase of %s (%s->%s) accepted against the current answer (%+.2f closer to the claim, %+.2f to a phrasing): %q",
				c.line, c.kind, c.myth, c.from, c.lang, cl.Claim, cl.Phrasing, c.text)
		}
	}
	if checked < 40 {
		t.Fatalf("%d reversals, slurs and links checked, want at least 40", checked)
	}
	t.Logf("%d reversals, slurs and links checked against the current answers", checked)
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
