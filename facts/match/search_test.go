package match

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// tinyDocs is a small claim collection, enough to check ranking without the fact base.
var tinyDocs = []Document{
	{ID: "rent", Texts: []Text{
		{Kind: KindTitle, Lang: "en", Text: "Housing and immigration"},
		{Kind: KindClaim, Lang: "en", Text: "Immigrants are causing the housing crisis."},
		{Kind: KindPhrasing, Lang: "en", Text: "immigrants are the reason rent is so high"},
		{Kind: KindClaim, Lang: "fr", Text: "Les immigrants causent la crise du logement."},
	}},
	{ID: "jobs", Texts: []Text{
		{Kind: KindTitle, Lang: "en", Text: "Jobs and immigration"},
		{Kind: KindClaim, Lang: "en", Text: "Immigrants take jobs away from Canadian workers."},
		{Kind: KindPhrasing, Lang: "en", Text: "they took our jobs"},
		{Kind: KindClaim, Lang: "es", Text: "Los inmigrantes les quitan el trabajo a los canadienses."},
	}},
	{ID: "pension", Texts: []Text{
		{Kind: KindTitle, Lang: "en", Text: "Refugees and pensioners"},
		{Kind: KindClaim, Lang: "en", Text: "Refugees get $1,890 a month, more than pensioners."},
	}},
}

func TestBuildErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		docs []Document
		opts Options
	}{
		{"no documents", nil, DefaultOptions()},
		{"empty id", []Document{{ID: ""}}, DefaultOptions()},
		{"duplicate id", []Document{{ID: "a"}, {ID: "a"}}, DefaultOptions()},
		{"unknown model", []Document{{ID: "a"}}, Options{K1: 1, B: 0.5, RerankDepth: 5, Model: "nope"}},
		{"b above 1", []Document{{ID: "a"}}, Options{K1: 1, B: 2}},
		{"negative weight", []Document{{ID: "a"}}, Options{K1: 1, B: 0.5, TitleWeight: -1}},
		{"negative depth", []Document{{ID: "a"}}, Options{K1: 1, B: 0.5, RerankDepth: -1}},
	} {
		if _, err := Build(c.docs, c.opts); err == nil {
			t.Errorf("%s: Build succeeded, want an error", c.name)
		}
	}
}

// TestZeroOptions checks the zero Options still index and rank (plain BM25, no extras).
func TestZeroOptions(t *testing.T) {
	ix, err := Build(tinyDocs, Options{TitleWeight: 1, ClaimWeight: 1, PhrasingWeight: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res := ix.Search("they took our jobs", "en", 1); len(res) != 1 || res[0].ID != "jobs" {
		t.Errorf("got %v, want jobs", res)
	}
}

func TestSearch(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, lang, want string }{
		{"immigrants are why my rent doubled", "", "rent"},
		{"IMMIGRANTS R THE REASON RENT IS SO HIGH!!! #housing", "", "rent"},
		{"les immigrants font monter les loyers", "", "rent"}, // French, through its own claim
		{"los inmigrantes suben el alquiler", "", "rent"},     // Spanish, with no Spanish text: concepts
		{"they're taking our jobs", "", "jobs"},
		{"nos quitan el empleo", "es", "jobs"},                   // synonym of the claim's "trabajo"
		{"imigrants took our jobbs", "", "jobs"},                 // misspellings
		{"is it true refugees get 1890 dollars?", "", "pension"}, // number overlap
	} {
		res := ix.Search(c.query, c.lang, 3)
		if len(res) == 0 || res[0].ID != c.want {
			t.Errorf("Search(%q) = %v, want %s first", c.query, res, c.want)
		}
	}
}

func TestSearchResults(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res := ix.Search("immigrants", "", 0); res != nil {
		t.Errorf("k=0: got %v, want nil", res)
	}
	if res := ix.Search("the rally is at five", "", 3); len(res) != 0 {
		t.Errorf("no shared word: got %v, want no result", res)
	}
	res := ix.Search("immigrants", "", 2)
	if len(res) != 2 {
		t.Fatalf("k=2: got %d results, want 2", len(res))
	}
	for i, r := range res {
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("result %d: confidence %v outside [0,1]", i, r.Confidence)
		}
		if i > 0 && r.ID == res[i-1].ID {
			t.Errorf("duplicate result %s", r.ID)
		}
	}
	var nilIndex *Index
	if res := nilIndex.Search("x", "", 3); res != nil {
		t.Errorf("nil index: got %v", res)
	}
}

// TestSearchBM25Only checks the plain BM25 path (RerankDepth 0): scores come out best first.
func TestSearchBM25Only(t *testing.T) {
	opts := DefaultOptions()
	opts.RerankDepth = 0
	ix, err := Build(tinyDocs, opts)
	if err != nil {
		t.Fatal(err)
	}
	res := ix.Search("immigrants rent jobs rent", "en", 3)
	if len(res) < 2 || res[0].ID != "rent" {
		t.Fatalf("got %v, want rent first", res)
	}
	for i := 1; i < len(res); i++ {
		if res[i].Score > res[i-1].Score || res[i].Confidence > res[i-1].Confidence {
			t.Errorf("results out of order: %v", res)
		}
	}
}

// TestSearchConcurrent runs searches in parallel (go test -race shows any shared state).
func TestSearchConcurrent(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := ix.Search("immigrants are why my rent doubled", "", 3)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				ix.Search(fmt.Sprintf("imigrants jobbs %d", i), "", 3)
				if got := ix.Search("immigrants are why my rent doubled", "", 3); fmt.Sprint(got) != fmt.Sprint(want) {
					errs <- fmt.Sprint(got)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent search gave %s, want %v", e, want)
	}
}

func TestSegmentTag(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ tag, want string }{
		{"housingcrisis", "housing crisis"},
		{"immigrantsrent", "immigrants rent"},
		{"thehousingcrisis", "the housing crisis"},
		{"housing", ""},    // already a word
		{"xyzzyplugh", ""}, // no split into known words
	} {
		if got := strings.Join(ix.segmentTag(c.tag, "en"), " "); got != c.want {
			t.Errorf("segmentTag(%q) = %q, want %q", c.tag, got, c.want)
		}
	}
	if res := ix.Search("#housingcrisis", "en", 1); len(res) == 0 || res[0].ID != "rent" {
		t.Errorf("a one-word hashtag should be split: got %v", res)
	}
}

func TestFuzzyMatch(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ stem, want string }{
		{"imigr", "immigr"},    // a letter missing
		{"immigrr", "immigr"},  // a letter doubled
		{"refuge", "refuge"},   // known stems are not looked up, but would match themselves
		{"pensoin", "pension"}, // transposition
		{"jbo", ""},            // too short to guess
		{"xylophon", ""},       // nothing near
	} {
		got := ""
		if id, ok := ix.fuzzyMatch(c.stem, "en"); ok {
			got = ix.terms[id]
		}
		if got != c.want {
			t.Errorf("fuzzyMatch(%q) = %q, want %q", c.stem, got, c.want)
		}
	}
}

// TestMisspelledMyths checks misspelled key words still find the myth.
func TestMisspelledMyths(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, want string }{
		{"imigrants are on welfair", "welfare"},
		{"houseing crisis is caused by imigration", "housing"},
		{"refugess get more then pensioners", "refugee-pension-hoax"},
		{"imigrants bring crimnals", "crime"},
		{"los inmigrantes nos quitan el trabago", "jobs"},
		{"les imigrants volent nos emploies", "jobs"},
	} {
		if res := ix.Search(c.query, "", 1); len(res) == 0 || res[0].ID != c.want {
			t.Errorf("Search(%q) = %v, want %s", c.query, res, c.want)
		}
	}
}

// TestDeterministic checks that two builds of the same documents answer identically (map
// iteration order must not leak into scores).
func TestDeterministic(t *testing.T) {
	docs := loadMythDocs(t)
	a, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range loadMythQueries(t, "all") {
		ra, rb := a.Search(q.Text, "", 20), b.Search(q.Text, "", 20)
		if fmt.Sprint(ra) != fmt.Sprint(rb) {
			t.Fatalf("%q: %v vs %v", q.Text, ra, rb)
		}
	}
}

// TestDisguisedMyths checks that claims disguised to slip past filters (invisible characters
// inside words, look-alike letters of other scripts, leetspeak) find their myth as confidently
// as the plain text does (issue 18).
func TestDisguisedMyths(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, plain, want string }{
		{"im\u200bmigrants take our jo\u200bbs", "immigrants take our jobs", "jobs"},
		{"refu\u00adgees get more than pen\u00adsioners", "refugees get more than pensioners", "refugee-pension-hoax"},
		{"\u0456mm\u0456gr\u0430nts \u0441ause the h\u043eus\u0456ng \u0441r\u0456s\u0456s", "immigrants cause the housing crisis", "housing"},
		{"1mm1gr4nts t4k3 0ur j0bs", "immigrants take our jobs", "jobs"},
		{"l3s 1mm1gr4nts v1v3nt d3 l'@1d3 s0c14l3", "les immigrants vivent de l'aide sociale", "welfare"},
		{"los \u0456nm\u0456gr\u0430ntes tr\u0430en cr\u0456men", "los inmigrantes traen crimen", "crime"},
	} {
		plain := ix.Search(c.plain, "", 1)
		res := ix.Search(c.query, "", 1)
		if len(res) == 0 || res[0].ID != c.want || len(plain) == 0 || res[0].Confidence < plain[0].Confidence-0.05 {
			t.Errorf("Search(%q) = %v, want %s as confident as for %q (%v)", c.query, res, c.want, c.plain, plain)
		}
	}
}
