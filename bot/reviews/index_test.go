package reviews

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// sample is a small collection: the same claim reviewed in three languages, and others.
var sample = []Review{
	{Claim: "The city of Lyon gave every asylum seeker a free electric car.", Publisher: "AFP Fact Check", Site: "factcheck.afp.com",
		URL: "https://factcheck.afp.com/lyon-cars", Rating: "False", Verdict: False, Lang: "en", ReviewDate: day("2025-04-29")},
	{Claim: "La ville de Lyon a offert une voiture électrique gratuite à chaque demandeur d'asile.", Publisher: "AFP Factuel", Site: "factuel.afp.com",
		URL: "https://factuel.afp.com/lyon-voitures", Rating: "Faux", Verdict: False, Lang: "fr", ReviewDate: day("2025-04-30")},
	{Claim: "La ciudad de Lyon regaló un coche eléctrico a cada solicitante de asilo.", Publisher: "Maldita", Site: "maldita.es",
		URL: "https://maldita.es/lyon-coches", Rating: "Bulo", Verdict: False, Lang: "es", ReviewDate: day("2025-05-02")},
	{Claim: "A video shows migrants storming a supermarket in Dover.", Publisher: "Full Fact", Site: "fullfact.org",
		URL: "https://fullfact.org/dover-video", Rating: "Missing context", Verdict: Misleading, Lang: "en", ReviewDate: day("2019-03-01")},
	{Claim: "Le gouvernement verse 3000 euros par mois aux réfugiés ukrainiens.", Publisher: "Les Décrypteurs", Site: "ici.radio-canada.ca",
		URL: "https://ici.radio-canada.ca/decrypteurs/3000", Rating: "Trompeur", Verdict: Misleading, Lang: "fr", ReviewDate: day("2024-01-10")},
	{Claim: "Vaccines contain microchips to track people.", Publisher: "Snopes", Site: "snopes.com",
		URL: "https://snopes.com/microchips", Rating: "Pants on Fire", Verdict: False, Lang: "en"},
}

func day(s string) time.Time {
	t, ok := ParseDate(s)
	if !ok {
		panic(s)
	}
	return t
}

func TestIndexSearch(t *testing.T) {
	ctx := context.Background()
	x, err := New(sample)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, lang, url string }{
		{"Is it true Lyon gave free electric cars to asylum seekers?", "en", "https://factcheck.afp.com/lyon-cars"},
		{"Lyon offre une voiture électrique aux demandeurs d'asile", "fr", "https://factuel.afp.com/lyon-voitures"},
		{"¿Es verdad que Lyon regala coches eléctricos a los solicitantes de asilo?", "es", "https://maldita.es/lyon-coches"},
		{"vaccines have microchips in them to track us", "en", "https://snopes.com/microchips"},
		{"What time does the library open on Sunday?", "en", ""},
	}
	for _, tt := range tests {
		got, err := x.SearchReview(ctx, tt.text, tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.url == "" && got != nil:
			t.Errorf("%q: answered by %s (%.3f), want none", tt.text, got.URL, got.Confidence)
		case tt.url != "" && (got == nil || got.URL != tt.url):
			t.Errorf("%q: got %+v, want %s", tt.text, got, tt.url)
		case got != nil && (got.Confidence < DefaultThreshold || got.Verdict == "" || got.Publisher == ""):
			t.Errorf("%q: incomplete answer %+v", tt.text, got)
		}
	}
	if got, _ := x.SearchReview(ctx, tests[0].text, "en"); got == nil || got.ReviewDate != "2025-04-29" || got.Rating != "False" || got.Site != "factcheck.afp.com" {
		t.Errorf("answer %+v: want the review's date, rating and site", got)
	}
}

func TestIndexTrust(t *testing.T) {
	ctx := context.Background()
	q := "Is it true Lyon gave free electric cars to asylum seekers?"
	t.Run("allow-list", func(t *testing.T) {
		x, err := New(sample, WithPublishers("https://www.fullfact.org/", "maldita.es"))
		if err != nil {
			t.Fatal(err)
		}
		if x.Len() != 2 || Usable(sample, WithPublishers("https://www.fullfact.org/", "maldita.es")) != 2 {
			t.Errorf("kept %d reviews, want the 2 of the allowed sites", x.Len())
		}
		if got, _ := x.SearchReview(ctx, q, "en"); got != nil && got.Site == "factcheck.afp.com" {
			t.Errorf("answered from a site not allowed: %+v", got)
		}
	})
	t.Run("max age", func(t *testing.T) {
		now := day("2025-06-01")
		clock := func() time.Time { return now }
		x, err := New(sample, WithMaxAge(365*24*time.Hour, clock))
		if err != nil {
			t.Fatal(err)
		}
		if x.Len() != 4 { // the 2019 and 2024-01 reviews are out, the undated one stays
			t.Errorf("kept %d reviews, want 4", x.Len())
		}
		if n := Usable(sample, WithMaxAge(365*24*time.Hour, clock)); n != x.Len() {
			t.Errorf("Usable counts %d, the index keeps %d", n, x.Len())
		}
		if got, _ := x.SearchReview(ctx, q, "en"); got == nil {
			t.Fatal("a review of April 2025 no longer answers in June 2025")
		}
		now = day("2026-05-01") // the server ran on: the review aged out since the build
		if got, _ := x.SearchReview(ctx, q, "en"); got != nil {
			t.Errorf("a review older than max age answered: %+v", got)
		}
	})
	t.Run("duplicates and incomplete", func(t *testing.T) {
		updated := sample[0]
		updated.Rating = "Pants on Fire"
		x, err := New(append(slices.Clone(sample), updated, Review{Claim: "no url"}, Review{URL: "https://x.org/no-claim"}))
		if err != nil {
			t.Fatal(err)
		}
		if x.Len() != len(sample) {
			t.Errorf("kept %d reviews, want %d", x.Len(), len(sample))
		}
		if got, _ := x.SearchReview(ctx, q, "en"); got == nil || got.Rating != "Pants on Fire" {
			t.Errorf("got %+v, want the later version of the review", got)
		}
	})
	t.Run("empty", func(t *testing.T) {
		x, err := New(nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := x.SearchReview(ctx, q, "en"); got != nil || err != nil {
			t.Errorf("empty index answered %+v, %v", got, err)
		}
	})
}

func TestPick(t *testing.T) {
	en := Ranked{Review: Review{URL: "en", Lang: "en"}, Confidence: 0.9}
	frClose := Ranked{Review: Review{URL: "fr", Lang: "fr-CA"}, Confidence: 0.8}
	frFar := Ranked{Review: Review{URL: "fr", Lang: "fr"}, Confidence: 0.6}
	tests := []struct {
		name      string
		ranked    []Ranked
		lang      string
		threshold float64
		want      string
	}{
		{"best", []Ranked{en, frClose}, "en", 0.5, "en"},
		{"the question's language when close", []Ranked{en, frClose}, "fr", 0.5, "fr"},
		{"not when far below", []Ranked{en, frFar}, "fr", 0.5, "en"},
		{"not below threshold", []Ranked{en, frClose}, "fr", 0.85, "en"},
		{"none above threshold", []Ranked{en, frClose}, "en", 0.95, ""},
		{"no language", []Ranked{frClose, en}, "", 0.5, "en"},
		{"none", nil, "en", 0.5, ""},
		{"of equals, the first", []Ranked{frClose, {Review: Review{URL: "en", Lang: "en"}, Confidence: 0.8}}, "", 0.5, "fr"},
	}
	for _, tt := range tests {
		got, ok := Pick(tt.ranked, tt.lang, tt.threshold)
		if got.Review.URL != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: picked %q %v, want %q", tt.name, got.Review.URL, ok, tt.want)
		}
	}
}

func TestRank(t *testing.T) {
	got, err := Rank("Lyon offre une voiture électrique aux demandeurs d'asile", "fr", sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].Review.URL != "https://factuel.afp.com/lyon-voitures" || got[0].Confidence < DefaultThreshold {
		t.Fatalf("ranked %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Confidence > got[i-1].Confidence {
			t.Errorf("not best first at %d: %+v", i, got)
		}
	}
	if got, err := Rank("anything", "en", []Review{{Claim: "no url"}}); got != nil || err != nil {
		t.Errorf("Rank without usable candidates = %v, %v", got, err)
	}
}

// TestIndexGroupsOneClaim: reviews of the same claim are one document, so a second publisher's
// review of it does not lower the confidence that it is the claim asked about; the newest
// answers.
func TestIndexGroupsOneClaim(t *testing.T) {
	q := "vaccines have microchips in them to track us"
	alone, err := New(sample)
	if err != nil {
		t.Fatal(err)
	}
	before, ok := alone.Search(q, "en")
	if !ok {
		t.Fatal("no answer from the sample")
	}
	again := Review{Claim: "VACCINES contain microchips, to track people!", Publisher: "PolitiFact", Site: "politifact.com",
		URL: "https://politifact.com/microchips", Rating: "False", Verdict: False, Lang: "en", ReviewDate: day("2023-02-01")}
	older := again
	older.URL, older.ReviewDate = "https://politifact.com/microchips-2021", day("2021-02-01")
	x, err := New(append(slices.Clone(sample), older, again))
	if err != nil {
		t.Fatal(err)
	}
	if x.claims() != len(sample) {
		t.Errorf("%d documents for %d claims", x.claims(), len(sample))
	}
	got, ok := x.Search(q, "en")
	if !ok || got.Review.URL != again.URL {
		t.Fatalf("answered %+v, want the newest review of the claim", got.Review)
	}
	if got.Confidence < before.Confidence-1e-9 {
		t.Errorf("confidence %.4f with three reviews of the claim, %.4f with one", got.Confidence, before.Confidence)
	}
}

// TestNewKeepsOneCopyOfRepeatedNames: reviews read from a store each carry their own copy of
// the publisher, site, rating, verdict, language and claimant; the index keeps one copy of each
// value, with the values unchanged, and still indexes a collection whose claimants never repeat.
func TestNewKeepsOneCopyOfRepeatedNames(t *testing.T) {
	const n = maxInterned + 100
	rs := make([]Review, n)
	for i := range rs {
		rs[i] = Review{Claim: fmt.Sprintf("claim number %d about rent", i), URL: fmt.Sprintf("https://fullfact.org/%d", i),
			Claimant: fmt.Sprintf("claimant %d", i), Publisher: strings.Clone("Full Fact"), Site: strings.Clone("fullfact.org"),
			Rating: strings.Clone("Missing context"), Verdict: strings.Clone(Misleading), Lang: strings.Clone("en")}
	}
	x, err := New(rs)
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != n {
		t.Fatalf("indexed %d reviews, want %d", x.Len(), n)
	}
	first := x.reviews[0]
	for i, r := range x.reviews {
		if r != rs[i] {
			t.Fatalf("review %d changed: %+v, want %+v", i, r, rs[i])
		}
		for _, f := range []struct{ name, got, want string }{
			{"publisher", r.Publisher, first.Publisher}, {"site", r.Site, first.Site}, {"rating", r.Rating, first.Rating},
			{"verdict", r.Verdict, first.Verdict}, {"lang", r.Lang, first.Lang},
		} {
			if unsafe.StringData(f.got) != unsafe.StringData(f.want) {
				t.Fatalf("review %d keeps its own copy of its %s %q", i, f.name, f.got)
			}
		}
	}
}
