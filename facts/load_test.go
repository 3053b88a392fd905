package facts

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"factline/facts/match"
)

// validBase is a minimal sound base: two myths in two languages, three sources.
func validBase() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"sources/main.yaml": file(`- id: stats-one
  title: Housing starts
  publisher: Statistics Office
  date: "2024-04-11"
  url: https://example.org/stats/housing
  evidence: [{quote: "Completions fell behind household formation.", where: "Chart 3"}]
- id: stats-two
  title: Labour survey
  publisher: Statistics Office
  url: https://example.org/stats/labour
  evidence: [{quote: "Employment grew.", where: "Highlights"}]
- id: review-three
  title: A review
  publisher: Research Institute
  date: "2023"
  url: https://example.org/review
  evidence:
    - quote: "Reviews agree."
      where: "Summary, paragraph 2"
`),
		"words/en.yaml": file("language: English\nclaim: Claim\nverdict: Verdict\nsources: Sources\nreviewed: Reviewed\n" +
			"verdicts: {false: False, mostly-false: Mostly false, misleading: Misleading, missing-context: Missing context, exaggerated: Exaggerated}\n" +
			"external: {label: \"By {publisher}\", said: \"{publisher} rated it {rating} on {date}\", undated: \"{publisher} rated it {rating}\", verdicts: {false: F, mostly-false: MF, misleading: M, mixed: X, true: T, other: O}}\n"),
		"words/fr.yaml": file("language: Français\nclaim: Affirmation\nverdict: Verdict\nsources: Sources\nreviewed: Vérifié le\n" +
			"verdicts: {false: Faux, mostly-false: Plutôt faux, misleading: Trompeur, missing-context: Manque de contexte, exaggerated: Exagéré}\n" +
			"external: {label: \"By {publisher}\", said: \"{publisher} rated it {rating} on {date}\", undated: \"{publisher} rated it {rating}\", verdicts: {false: F, mostly-false: MF, misleading: M, mixed: X, true: T, other: O}}\n"),
		"myths/housing/myth.yaml": file("verdict: misleading\nreviewed: 2026-11-01\nsources: [stats-one, review-three]\n"),
		"myths/housing/en.md": file(`---
title: Housing
claim: Immigrants cause the housing crisis.
short: Population growth adds demand, but building fell behind long before.
phrasings:
  - immigrants are the reason rent is so high
  - newcomers drive up house prices
  - "#HousingCrisis is caused by immigration"
---
Building fell behind household growth [stats-one].
Reviews agree [review-three].

A second paragraph.
`),
		"myths/housing/fr.md": file(`---
title: Logement
claim: Les immigrants causent la crise du logement.
short: La croissance démographique ajoute de la demande, mais la construction a pris du retard bien avant.
phrasings:
  - les immigrants font monter les loyers
---
La construction a pris du retard [stats-one] [review-three].
`),
		"myths/jobs/myth.yaml": file("verdict: false\nreviewed: 2026-11-01\nsources: [stats-two, review-three]\n"),
		"myths/jobs/en.md": file(`---
title: Jobs
claim: Immigrants take our jobs.
short: Immigrants fill shortages and create jobs.
phrasings:
  - they take our jobs
  - foreigners steal jobs from locals
---
Employment grew [stats-two]; see also [review-three].
`),
		"myths/jobs/fr.md": file(`---
title: Emplois
claim: Les immigrants volent nos emplois.
short: Les immigrants comblent des pénuries et créent des emplois.
phrasings:
  - ils volent nos emplois
---
L'emploi a augmenté [stats-two] [review-three].
`),
	}
}

func TestLoadValid(t *testing.T) {
	b, err := Load(validBase())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(b.Myths); got != 2 {
		t.Fatalf("myths = %d, want 2", got)
	}
	if got := strings.Join(b.Langs(), ","); got != "en,fr" {
		t.Errorf("langs = %s, want en,fr", got)
	}
	h := b.Myth("housing")
	if h == nil || h.Verdict != "misleading" || !h.Reviewed.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("housing = %+v", h)
	}
	en := h.Text("en")
	if want := "Building fell behind household growth [stats-one]. Reviews agree [review-three].\n\nA second paragraph."; en.Full != want {
		t.Errorf("full = %q, want paragraphs unwrapped:\n%q", en.Full, want)
	}
	if got := en.Phrasings[2]; got != "#HousingCrisis is caused by immigration" {
		t.Errorf("quoted hashtag phrasing = %q", got)
	}
	if h.Text("de") != en {
		t.Error("a missing language should fall back to English")
	}
	if got := b.Sources(h); len(got) != 2 || got[0].ID != "stats-one" || got[1].Date != "2023" {
		t.Errorf("sources = %+v", got)
	}
	if ev := b.Source("review-three").Evidence; len(ev) != 1 || ev[0].Quote != "Reviews agree." || ev[0].Where != "Summary, paragraph 2" {
		t.Errorf("evidence = %+v", ev)
	}
	if h.Hash == "" || h.Hash == b.Myth("jobs").Hash {
		t.Errorf("content hashes must differ: %q %q", h.Hash, b.Myth("jobs").Hash)
	}
}

// TestLoadErrors breaks a valid base in one way per case and expects the error to name the file,
// the line where it is known, and the fix.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		file   string
		line   int
		want   string
	}{
		{"missing verdict", set("myths/jobs/myth.yaml", "reviewed: 2026-11-01\nsources: [stats-two, review-three]\n"), "myths/jobs/myth.yaml", 0, "missing verdict"},
		{"unknown verdict", set("myths/jobs/myth.yaml", "verdict: wrong\nreviewed: 2026-11-01\nsources: [stats-two, review-three]\n"), "myths/jobs/myth.yaml", 1, `unknown verdict "wrong"`},
		{"bad date", set("myths/jobs/myth.yaml", "verdict: false\nreviewed: 1 Nov 2026\nsources: [stats-two, review-three]\n"), "myths/jobs/myth.yaml", 2, "write it as YYYY-MM-DD"},
		{"unknown key", set("myths/jobs/myth.yaml", "verdict: false\nreviewed: 2026-11-01\nsource: [stats-two]\n"), "myths/jobs/myth.yaml", 3, "field source not found"},
		{"unknown source", set("myths/jobs/myth.yaml", "verdict: false\nreviewed: 2026-11-01\nsources: [stats-two, review-three, nope]\n"), "myths/jobs/myth.yaml", 0, `unknown source "nope"`},
		{"unused source", appendTo("sources/main.yaml", "- id: orphan\n  title: T\n  publisher: P\n  url: https://example.org/o\n"), "sources/main.yaml", 20, `source "orphan" is not cited`},
		{"duplicate source", appendTo("sources/main.yaml", "- id: stats-two\n  title: T\n  publisher: P\n  url: https://example.org/o\n"), "sources/main.yaml", 20, `duplicate source id "stats-two"`},
		{"malformed url", replace("sources/main.yaml", "https://example.org/review", "example.org/review"), "sources/main.yaml", 12, "must start with https://"},
		{"citation not listed", replace("myths/jobs/en.md", "[review-three]", "[stats-one]"), "myths/jobs/en.md", 0, "cites [stats-one], which is not in myth.yaml"},
		{"short too long", replace("myths/jobs/en.md", "short: Immigrants fill shortages and create jobs.", "short: "+strings.Repeat("x", 281)), "myths/jobs/en.md", 4, "281 characters, over the 280 limit"},
		{"missing claim", replace("myths/jobs/en.md", "claim: Immigrants take our jobs.\n", ""), "myths/jobs/en.md", 0, "missing claim"},
		{"no front matter", set("myths/jobs/fr.md", "Juste du texte.\n"), "myths/jobs/fr.md", 1, "no front matter"},
		{"missing sibling", remove("myths/jobs/fr.md"), "myths/jobs/fr.md", 0, `other myths are written in "fr"`},
		{"missing english", remove("myths/jobs/en.md"), "myths/jobs/en.md", 0, "every myth needs an en.md"},
		{"stray file", set("myths/jobs/notes.txt", "todo"), "myths/jobs/notes.txt", 0, "unexpected file"},
		{"bad myth id", rename("myths/jobs", "myths/Jobs"), "myths/Jobs", 0, `myth id "Jobs" is malformed`},
		{"unquoted hashtag", replace("myths/jobs/en.md", "  - they take our jobs\n", "  - #StopImmigration\n"), "myths/jobs/en.md", 6, "quote phrasings with hashtags"},
		{"hashtag after words", replace("myths/jobs/en.md", "  - they take our jobs\n", "  - they take our jobs #CanadaFirst\n"), "myths/jobs/en.md", 6, "quote phrasings with hashtags"},
		{"short with url", replace("myths/jobs/en.md", "create jobs.", "create jobs https://x.example"), "myths/jobs/en.md", 4, "contains a URL"},
		{"no sources registry", remove("sources/main.yaml"), "sources", 0, "no source registry"},
		{"missing words", remove("words/fr.yaml"), "words/fr.yaml", 0, `the myths are written in "fr", so the words`},
		{"words for no myth", set("words/de.yaml", "language: Deutsch\n"), "words/de.yaml", 0, "one <lang>.yaml per language the myths are written in"},
		{"verdict label missing", replace("words/fr.yaml", "exaggerated: Exagéré", "exagerated: Exagéré"), "words/fr.yaml", 0, `no label for the verdict "exaggerated"`},
		{"unknown verdict label", replace("words/fr.yaml", "exaggerated: Exagéré", "exaggerated: Exagéré, wrong: Faux"), "words/fr.yaml", 0, `unknown verdict "wrong"`},
		{"empty word", replace("words/en.yaml", "claim: Claim", "claim: ''"), "words/en.yaml", 0, "no claim"},
		{"evidence without quote", appendTo("sources/main.yaml", "    - quote: \"  \"\n      where: p. 4\n"), "sources/main.yaml", 20, `source "review-three": evidence passage 2 has no quote`},
		{"evidence without where", appendTo("sources/main.yaml", "    - quote: Costs rose.\n"), "sources/main.yaml", 20, `source "review-three": evidence passage 2 has no where`},
		{"evidence unknown key", appendTo("sources/main.yaml", "    - quote: Costs rose.\n      page: 4\n"), "sources/main.yaml", 21, "field page not found"},
		{"evidence not a list", replace("sources/main.yaml", "  evidence: [{quote: \"Employment grew.\", where: \"Highlights\"}]", "  evidence: Employment grew."), "sources/main.yaml", 11, "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validBase()
			tt.change(fsys)
			_, err := Load(fsys)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Load = %v, want a *ValidationError", err)
			}
			for _, p := range ve.Problems {
				if p.File == tt.file && p.Line == tt.line && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("no problem %s:%d %q among:\n%v", tt.file, tt.line, tt.want, err)
		})
	}
}

func TestLintWarnsAndChecksConflicts(t *testing.T) {
	fsys := validBase()
	replace("myths/jobs/en.md", "  - foreigners steal jobs from locals\n", "  - foreigners steal jobs from locals\n  - immigrants are the reason rent is so high\n")(fsys)
	replace("myths/housing/fr.md", "[review-three]", "")(fsys)
	now := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	b, ps := Lint(fsys, LintOptions{MaxReviewAge: 365 * 24 * time.Hour, Now: now, Match: match.DefaultOptions(), AbstainBelow: 0.5})
	wantProblems := map[string]Severity{
		"myths/housing/myth.yaml: warning: reviewed 2026-11-01, 426 days ago":                                  Warning,
		`myths/housing/fr.md: warning: source "review-three" is listed in myth.yaml but not cited`:             Warning,
		`myths/jobs/en.md: error: phrasing "immigrants are the reason rent is so high" matches myth "housing"`: Error,
	}
	found := maps.Clone(wantProblems)
	for _, p := range ps {
		for prefix := range found {
			if strings.HasPrefix(p.String(), prefix) {
				delete(found, prefix)
			}
		}
	}
	for prefix := range found {
		t.Errorf("missing problem %q in:\n%v", prefix, ps)
	}
	if b != nil {
		t.Error("Lint returned a base despite a conflict error")
	}
}

func TestLintCleanBase(t *testing.T) {
	b, ps := Lint(validBase(), LintOptions{Now: time.Now(), Match: match.DefaultOptions()})
	for _, p := range ps {
		if p.Severity == Error {
			t.Errorf("unexpected error: %v", p)
		}
	}
	if b == nil {
		t.Fatal("Lint refused a valid base")
	}
}

func TestBuiltinBaseLoads(t *testing.T) {
	b, err := Load(Builtin())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"asylum-hotels", "birth-tourism", "bogus-asylum-claims", "care-workers", "crime", "detention", "disease",
		"dont-need-immigrants", "expiring-permits", "gdp-per-capita", "great-replacement", "health-care", "housing",
		"immigration-levels", "integration", "international-students", "jobs", "migrant-workers", "million-immigrants-hoax",
		"queue-jumpers", "refugee-health-coverage", "refugee-pension-hoax", "regularization", "remittances", "tfw-youth-jobs",
		"undocumented", "voting", "wages", "welfare"}
	for _, id := range want {
		m := b.Myth(id)
		if m == nil {
			t.Errorf("built-in base lacks myth %q", id)
			continue
		}
		for _, l := range []string{"en", "fr", "es"} {
			if _, ok := m.Texts[l]; !ok {
				t.Errorf("myth %s lacks %s", id, l)
			}
		}
		if len(m.SourceIDs) < 2 {
			t.Errorf("myth %s cites %d sources, want >= 2", id, len(m.SourceIDs))
		}
	}
	if len(b.Myths) != len(want) {
		t.Errorf("built-in base has %d myths, want %d", len(b.Myths), len(want))
	}
}

func TestCitations(t *testing.T) {
	got := citations("A [one] and [two-b], a [link](https://x.org), [one] again, [Not-an-id].")
	if strings.Join(got, ",") != "one,two-b" {
		t.Errorf("citations = %v", got)
	}
}

func BenchmarkLoadBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Load(Builtin()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadAndIndexBuiltin(b *testing.B) {
	for b.Loop() {
		base, err := Load(Builtin())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := NewIndex(base, match.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

func set(name, data string) func(fstest.MapFS) {
	return func(fs fstest.MapFS) { fs[name] = &fstest.MapFile{Data: []byte(data)} }
}

func appendTo(name, data string) func(fstest.MapFS) {
	return func(fs fstest.MapFS) { fs[name] = &fstest.MapFile{Data: append(fs[name].Data, data...)} }
}

func replace(name, old, new string) func(fstest.MapFS) {
	return func(fs fstest.MapFS) {
		s := string(fs[name].Data)
		if !strings.Contains(s, old) {
			panic("test fixture: " + name + " has no " + old)
		}
		fs[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
	}
}

func remove(name string) func(fstest.MapFS) { return func(fs fstest.MapFS) { delete(fs, name) } }

func rename(from, to string) func(fstest.MapFS) {
	return func(fs fstest.MapFS) {
		for k, v := range fs {
			if rest, ok := strings.CutPrefix(k, from+"/"); ok {
				delete(fs, k)
				fs[to+"/"+rest] = v
			}
		}
	}
}

// TestLintCitationOrder: lint wants myth.yaml's sources in the order each answer first cites them.
func TestLintCitationOrder(t *testing.T) {
	fsys := validBase()
	if _, ps := Lint(fsys, LintOptions{Now: time.Now(), Match: match.DefaultOptions()}); hasProblem(ps, "list the sources in the order") {
		t.Fatalf("a base in citation order was refused: %v", ps)
	}
	fsys["myths/housing/myth.yaml"] = &fstest.MapFile{Data: []byte("verdict: misleading\nreviewed: 2026-11-01\nsources: [review-three, stats-one]\n")}
	_, ps := Lint(fsys, LintOptions{Now: time.Now(), Match: match.DefaultOptions()})
	if !hasProblem(ps, "myths/housing/myth.yaml: error: list the sources in the order en.md first cites them") {
		t.Errorf("sources out of citation order not reported: %v", ps)
	}
}

func hasProblem(ps []Problem, want string) bool {
	for _, p := range ps {
		if strings.Contains(p.String(), want) {
			return true
		}
	}
	return false
}
