package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files a volunteer would import, written by the test: an article's JSON-LD in French, a
// DataFeed in English with a duplicate, a review without URL and an unknown rating, and a
// Fact Check Tools response in Spanish.
const (
	claimsArticle = `{"@context": "https://schema.org", "@type": "ClaimReview",
  "url": "https://factuel.afp.com/lyon-voitures", "claimReviewed": "La ville de Lyon offre une voiture électrique gratuite à chaque demandeur d'asile",
  "datePublished": "2025-04-29", "inLanguage": "fr", "author": {"@type": "Organization", "name": "AFP Factuel", "url": "https://factuel.afp.com"},
  "reviewRating": {"@type": "Rating", "alternateName": "Faux"}}`
	claimsFeed = `{"@context": "http://schema.org", "@type": "DataFeed", "dataFeedElement": [
  {"@type": "DataFeedItem", "item": [{"@type": "ClaimReview", "url": "https://fullfact.org/lyon-cars",
    "claimReviewed": "The French city of Lyon gives every asylum seeker a free electric car", "datePublished": "2025-05-01",
    "author": {"@type": "Organization", "name": "Full Fact", "url": "https://fullfact.org"}, "reviewRating": {"alternateName": "Incorrect"}}]},
  {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "url": "https://fullfact.org/dover-video",
    "claimReviewed": "A video shows migrants storming a supermarket in Dover", "datePublished": "2019-03-01",
    "author": {"@type": "Organization", "name": "Full Fact", "url": "https://fullfact.org"}, "reviewRating": {"alternateName": "Wrong date, real video"}}},
  {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "url": "https://fullfact.org/dover-video",
    "claimReviewed": "A video shows migrants storming a supermarket in Dover", "datePublished": "2019-03-02",
    "author": {"@type": "Organization", "name": "Full Fact", "url": "https://fullfact.org"}, "reviewRating": {"alternateName": "Missing context"}}},
  {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "claimReviewed": "No address", "reviewRating": {"alternateName": "False"}}}
]}`
	claimsSearch = `{"claims": [{"text": "Lyon regala un coche eléctrico a cada solicitante de asilo", "claimant": "Usuarios de X",
  "claimReview": [{"publisher": {"name": "Maldita.es", "site": "maldita.es"}, "url": "https://maldita.es/lyon-coches",
    "reviewDate": "2025-05-02T00:00:00Z", "textualRating": "Bulo", "languageCode": "es"}]}]}`
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestClaimsCLI(t *testing.T) {
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir()}
	dir := writeFiles(t, map[string]string{"article.json": claimsArticle, "feed.json": claimsFeed, "search.json": claimsSearch,
		"broken.json": "[\n" + claimsArticle + ",\n{\"url\": }\n]"})
	in := func(name string) string { return filepath.Join(dir, name) }

	// A malformed file among good ones imports nothing, and says where it is broken.
	code, out, errOut := runCLI(t, vars, "claims", "import", in("article.json"), in("broken.json"))
	if code != 1 || !strings.Contains(errOut, "broken.json:6:9: invalid character") {
		t.Fatalf("malformed import: exit %d, %q %q; want exit 1 naming broken.json at 6:9", code, out, errOut)
	}
	code, out, _ = runCLI(t, vars, "claims", "stats")
	if code != 0 || !strings.Contains(out, "Reviews: 0") {
		t.Fatalf("after a failed import: exit %d, %q; want nothing imported", code, out)
	}

	code, out, errOut = runCLI(t, vars, "claims", "import", in("article.json"), in("feed.json"), in("search.json"))
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Read 6 reviews from 3 files: imported 4 (4 new, 0 updated), 1 repeated a URL read earlier (the last one kept), refused 1.",
		"refused, no review URL: 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import summary lacks %q:\n%s", want, out)
		}
	}
	// The unknown rating of the Dover review was replaced by a known one: not reported.
	if strings.Contains(out, "Unknown ratings") {
		t.Errorf("unknown ratings reported though every kept one is known:\n%s", out)
	}
	// Again, from standard input, with one rating the table does not know: an update.
	unknown := strings.Replace(claimsArticle, `"Faux"`, `"Pas tout à fait"`, 1)
	code, out, errOut = runCLIWithInput(t, vars, unknown, "claims", "import", "-")
	if code != 0 || !strings.Contains(out, "imported 1 (0 new, 1 updated)") || !strings.Contains(out, `"Pas tout à fait": 1`) {
		t.Fatalf("import -: exit %d, %q %q", code, out, errOut)
	}

	code, out, _ = runCLI(t, vars, "claims", "list", "--publisher", "fullfact.org")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "2019-03-02") || !strings.Contains(out, "misleading (Missing context)") {
		t.Errorf("list --publisher: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, vars, "claims", "list", "--lang", "es")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "maldita.es") {
		t.Errorf("list --lang es: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, vars, "claims", "stats")
	for _, want := range []string{"Reviews: 4, published 2019-03-02 to 2025-05-02", "May answer: 4", "fullfact.org", "2", "es"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("stats: exit %d, lacks %q:\n%s", code, want, out)
		}
	}

	// The answer path: a claim the curated base does not cover, answered by the collection in
	// the question's language.
	code, out, errOut = runCLI(t, vars, "ask", "--format", "json", "Lyon regala coches eléctricos a los solicitantes de asilo?")
	if code != 0 {
		t.Fatalf("ask: exit %d: %s", code, errOut)
	}
	var ans struct {
		Outcome  string
		External *struct {
			URL, Publisher, Rating, Verdict, Lang string
			ReviewDate                            string `json:"review_date"`
		}
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatal(err)
	}
	if ans.Outcome != "external" || ans.External == nil || ans.External.URL != "https://maldita.es/lyon-coches" ||
		ans.External.Verdict != "false" || ans.External.ReviewDate != "2025-05-02" {
		t.Errorf("ask: %s", out)
	}
	// Not with --claims=false.
	code, out, _ = runCLI(t, vars, "ask", "--claims=false", "--format", "json", "Lyon regala coches eléctricos a los solicitantes de asilo?")
	if code != 0 || strings.Contains(out, `"outcome": "external"`) {
		t.Errorf("ask --claims=false answered from the collection: %s", out)
	}
	// A curated myth still answers first.
	code, out, _ = runCLI(t, vars, "ask", "--format", "json", "immigrants are the reason rent is so high")
	if code != 0 || !strings.Contains(out, `"outcome": "matched"`) || strings.Contains(out, `"external"`) {
		t.Errorf("a curated answer changed: %s", out)
	}
	// Curators choose whom to trust.
	trusting := map[string]string{"FACTLINE_DATA_DIR": vars["FACTLINE_DATA_DIR"], "FACTLINE_CLAIMS_PUBLISHERS": "fullfact.org"}
	code, out, _ = runCLI(t, trusting, "ask", "--format", "json", "Lyon regala coches eléctricos a los solicitantes de asilo?")
	if code != 0 || strings.Contains(out, "maldita.es") {
		t.Errorf("a publisher outside claims.publishers answered: %s", out)
	}

	code, _, errOut = runCLI(t, vars, "claims", "remove")
	if code != 2 || !strings.Contains(errOut, "a removal without either is refused") {
		t.Errorf("remove without a filter: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, vars, "claims", "remove", "--lang", "fr")
	if code != 2 {
		t.Errorf("remove --lang alone: exit %d, %q; want refused", code, errOut)
	}
	code, out, _ = runCLI(t, vars, "claims", "remove", "--before", "2020-01-01")
	if code != 0 || !strings.Contains(out, "Removed 1 review.") {
		t.Errorf("remove --before: exit %d, %q", code, out)
	}
	code, out, _ = runCLI(t, vars, "claims", "remove", "--publisher", "Maldita.es")
	if code != 0 || !strings.Contains(out, "Removed 1 review.") {
		t.Errorf("remove --publisher: exit %d, %q", code, out)
	}
	if code, out, _ = runCLI(t, vars, "claims", "stats"); !strings.Contains(out, "Reviews: 2,") {
		t.Errorf("after removals: exit %d\n%s", code, out)
	}
}

func TestClaimsCLIErrors(t *testing.T) {
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir()}
	dir := writeFiles(t, map[string]string{"article.json": `{"@type": "NewsArticle"}`})
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"claims"}, 2, "Usage: factline claims <command>"},
		{[]string{"claims", "frob"}, 2, `factline: claims: unknown command "frob"`},
		{[]string{"claims", "import"}, 2, "factline: claims: import: give the files to import"},
		{[]string{"claims", "import", filepath.Join(dir, "none.json")}, 1, "none.json: no such file or directory"},
		{[]string{"claims", "import", filepath.Join(dir, "article.json")}, 1, "article.json: no ClaimReview, DataFeed or claims:search response found"},
		{[]string{"claims", "list", "--before", "May 2025"}, 2, `--before "May 2025": write the day as YYYY-MM-DD`},
		{[]string{"claims", "list", "x"}, 2, `unexpected argument "x"`},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, vars, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("factline %v: exit %d, %q; want exit %d and %q", tt.args, code, out+errOut, tt.code, tt.want)
		}
		if n := strings.Count(errOut, "factline: "); n > 1 {
			t.Errorf("factline %v printed its error %d times: %q", tt.args, n, errOut)
		}
	}
	for _, args := range [][]string{{"claims", "--help"}, {"claims", "import", "--help"}, {"claims", "remove", "-h"}} {
		code, out, _ := runCLI(t, nil, args...)
		if code != 0 || !strings.Contains(out, "Usage: factline claims") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}

// runCLIWithInput runs factline in-process with stdin.
func runCLIWithInput(t *testing.T, vars map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb strings.Builder
	code = run(args, env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }})
	return code, out.String(), errb.String()
}

// TestAskReadsCollectionOnlyWhenNeeded checks that ask reads the imported collection only for
// a question no myth answers: with a store that cannot be read, a curated answer comes without
// a word about it, and another question is answered with the base alone and the failure logged.
func TestAskReadsCollectionOnlyWhenNeeded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, sqliteFile), []byte("not a database, not even close to one"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"FACTLINE_DATA_DIR": dir}
	code, out, errOut := runCLI(t, vars, "ask", "--format", "json", "immigrants are the reason rent is so high")
	if code != 0 || !strings.Contains(out, `"outcome": "matched"`) {
		t.Fatalf("curated question: exit %d: %s %s", code, out, errOut)
	}
	if errOut != "" {
		t.Errorf("a curated answer read the collection: %s", errOut)
	}
	code, out, errOut = runCLI(t, vars, "ask", "--format", "json", "Lyon regala coches eléctricos a los solicitantes de asilo?")
	if code != 0 || strings.Contains(out, `"external"`) {
		t.Fatalf("uncovered question: exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "review search failed") {
		t.Errorf("the collection's failure is not logged: %q", errOut)
	}
}
