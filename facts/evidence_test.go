package facts

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"factline/facts/match"
)

// evidenceBase is one myth in English and, when lang is not English, in lang too; its answer in
// lang is short and body. The myth cites two sources, stats-2019 and review-b, whose passages are given.
func evidenceBase(lang, short, body string, passagesA, passagesB []string) fstest.MapFS {
	evidence := func(quotes []string) string {
		if len(quotes) == 0 {
			return ""
		}
		var b strings.Builder
		b.WriteString("  evidence:\n")
		for i, q := range quotes {
			fmt.Fprintf(&b, "    - quote: %q\n      where: \"p. %d\"\n", q, i+1)
		}
		return b.String()
	}
	text := func(short, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: Housing\nclaim: Immigrants cause the housing crisis.\nshort: " + short +
			"\nphrasings:\n  - immigrants are the reason rent is so high\n---\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"sources/main.yaml": &fstest.MapFile{Data: []byte("- id: stats-2019\n  title: Housing starts\n  publisher: Statistics Office\n  url: https://example.org/a\n" +
			evidence(passagesA) + "- id: review-b\n  title: A review\n  publisher: Institute\n  url: https://example.org/b\n" + evidence(passagesB))},
		"myths/housing/myth.yaml": &fstest.MapFile{Data: []byte("verdict: misleading\nreviewed: 2026-11-01\nsources: [stats-2019, review-b]\n")},
		"myths/housing/en.md":     text("Building fell behind.", "Building fell behind [stats-2019] [review-b]."),
	}
	addWords(fsys, "en")
	if lang != "" {
		fsys["myths/housing/"+lang+".md"] = text(short, body)
		addWords(fsys, lang)
	}
	return fsys
}

// addWords gives a test base the words/<lang>.yaml every language needs.
func addWords(fsys fstest.MapFS, lang string) {
	fsys["words/"+lang+".yaml"] = &fstest.MapFile{Data: []byte("language: " + lang + "\nclaim: Claim\nverdict: Verdict\nsources: Sources\nreviewed: Reviewed\n" +
		"verdicts: {false: F, mostly-false: MF, misleading: M, missing-context: MC, exaggerated: E}\n" +
		"external: {label: \"By {publisher}\", said: \"{publisher} rated it {rating} on {date}\", undated: \"{publisher} rated it {rating}\", verdicts: {false: F, mostly-false: MF, misleading: M, mixed: X, true: T, other: O}}\n")}
}

func evidenceProblems(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	_, ps := Lint(fsys, LintOptions{Now: time.Now(), Match: match.DefaultOptions()})
	var out []string
	for _, p := range ps {
		if p.Severity == Error {
			out = append(out, p.String())
		}
	}
	return out
}

// TestEvidenceCheck states figures in one notation and records them in another: each figure must
// be found by value in a passage of a source its own paragraph cites.
func TestEvidenceCheck(t *testing.T) {
	a := func(q ...string) []string { return q }
	tests := []struct {
		name     string
		lang     string
		short    string
		body     string
		passA    []string
		passB    []string
		wantErrs []string // substrings, one per expected error; none means the answer passes
	}{
		{name: "same notation", lang: "en", short: "No figures here.", body: "In 2023, 460,000 households formed [stats-2019].",
			passA: a("an estimated 460,000 net new households formed in 2023"), passB: a("x")},
		{name: "comma vs space vs dot groups", lang: "en", short: "No figures.", body: "About 1,300 and 1 300 and 2,500 [stats-2019].",
			passA: a("1 300 claims", "2.500 personas"), passB: a("x")},
		{name: "french spaces against english commas", lang: "fr", short: "Sans chiffres.", body: "184\u00a0624 immigrants et 238\u202f000 ménages [stats-2019].",
			passA: a("Canada admitted 184,624 immigrants; household formation rose to 238,000"), passB: a("x")},
		{name: "decimal comma", lang: "fr", short: "Sans chiffres.", body: "En hausse de 17,1 % et 4,1 % [stats-2019].",
			passA: a("up 17.1% in a year", "4.1 per cent"), passB: a("x")},
		{name: "percent spellings", lang: "es", short: "Sin cifras.", body: "El 46 por ciento y el 23 % [stats-2019].",
			passA: a("46% of them", "23 per cent"), passB: a("x")},
		{name: "millions by value", lang: "es", short: "Sin cifras.", body: "Unos 1,3 millones y 13,4 millones [stats-2019].",
			passA: a("1,300,000 people", "13.4 million"), passB: a("x")},
		{name: "amounts", lang: "fr", short: "Sans chiffres.", body: "Un record de 1 800 $ [stats-2019].",
			passA: a("a record $1,800"), passB: a("x")},
		{name: "number words", lang: "fr", short: "Sans chiffres.", body: "Deux études et vingt et un pays [stats-2019].",
			passA: a("2 studies in 21 countries"), passB: a("x")},
		{name: "words in the passage", lang: "en", short: "No figures.", body: "In 12 countries [stats-2019].",
			passA: a("in twelve countries"), passB: a("x")},
		{name: "ordinal", lang: "en", short: "No figures.", body: "The 44th Parliament [stats-2019].",
			passA: a("44th Parliament, 1st Session"), passB: a("x")},
		{name: "range ends both needed", lang: "en", short: "No figures.", body: "From 2015–2019 [stats-2019].",
			passA: a("between 2015 and 2018"), passB: a("x"),
			wantErrs: a(`myths/housing/en.md:8: error: myth "housing" (en), paragraph 1 states "2019", which no recorded passage of [stats-2019] states`)},
		{name: "percent is not a count", lang: "en", short: "No figures.", body: "Some 46% of them [stats-2019].",
			passA: a("46 of them"), passB: a("x"),
			wantErrs: a(`paragraph 1 states "46%"`)},
		{name: "a rate in a table row", lang: "fr", short: "Sans chiffres.", body: "Le taux était de 14,7 % [stats-2019].",
			passA: a("Unemployment rate 14.5 14.7 0.5"), passB: a("x")},
		{name: "a count is not a percentage", lang: "en", short: "No figures.", body: "About 46% [stats-2019].",
			passA: a("46 people were interviewed"), passB: a("x"), wantErrs: a(`paragraph 1 states "46%"`)},
		{name: "rounded figure is not the figure", lang: "en", short: "No figures.", body: "About 1.3 million [stats-2019].",
			passA: a("1,297,000 people"), passB: a("x"),
			wantErrs: a(`paragraph 1 states "1.3 million"`)},
		{name: "only the paragraph's own sources count", lang: "en", short: "No figures.",
			body:  "Household formation reached 238,000 [stats-2019].\n\nPrices rose 17.1% [review-b].",
			passA: a("17.1%"), passB: a("238,000"),
			wantErrs: a(`myths/housing/en.md:8: error: myth "housing" (en), paragraph 1 states "238,000", which no recorded passage of [stats-2019] states`,
				`myths/housing/en.md:10: error: myth "housing" (en), paragraph 2 states "17.1%", which no recorded passage of [review-b] states`)},
		{name: "a paragraph citing both", lang: "es", short: "Sin cifras.", body: "Subió 17,1 % y 238.000 hogares [stats-2019] [review-b].",
			passA: a("17.1%"), passB: a("238,000")},
		{name: "figure without a citation", lang: "en", short: "No figures.", body: "Cited [stats-2019].\n\nPrices rose 17.1%.",
			passA: a("17.1%"), passB: a("x"),
			wantErrs: a(`myths/housing/en.md:10: error: myth "housing" (en), paragraph 2 states "17.1%" but cites no source`)},
		{name: "citation ids are not figures", lang: "en", short: "No figures.", body: "Built [stats-2019], not in 2019.",
			passA: a("in 2019"), passB: a("x")},
		{name: "a citation id is not a passage", lang: "en", short: "No figures.", body: "Built in 2019 [stats-2019].",
			passA: a("no year"), passB: a("x"), wantErrs: a(`paragraph 1 states "2019"`)},
		{name: "no figures", lang: "en", short: "No figures.", body: "Built [stats-2019].",
			passA: a("no figures"), passB: a("x")},
		{name: "short answer: any source of the myth", lang: "fr", short: "En 2020, les prix ont battu un record de 607 280 $.", body: "Rien [stats-2019].",
			passA: a("x"), passB: a("a record $607,280 in December 2020")},
		{name: "short answer unsupported", lang: "fr", short: "Les prix ont monté de 12 %.", body: "Rien [stats-2019].",
			passA: a("12"), passB: a("up 13%"),
			wantErrs: a(`myths/housing/fr.md:4: error: myth "housing" (fr), short answer states "12 %", which no recorded passage of [stats-2019], [review-b] states`)},
		{name: "a cited source without passages", lang: "en", short: "No figures.", body: "Built [stats-2019] [review-b].",
			passA: a("x"), passB: nil,
			wantErrs: a(`sources/main.yaml:8: error: source "review-b" has no evidence`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := evidenceProblems(t, evidenceBase(tt.lang, tt.short, tt.body, tt.passA, tt.passB))
			if len(errs) != len(tt.wantErrs) {
				t.Fatalf("got %d errors, want %d:\n%s", len(errs), len(tt.wantErrs), strings.Join(errs, "\n"))
			}
			for i, want := range tt.wantErrs {
				if !strings.Contains(errs[i], want) {
					t.Errorf("error %d = %q, want it to contain %q", i, errs[i], want)
				}
			}
		})
	}
}
