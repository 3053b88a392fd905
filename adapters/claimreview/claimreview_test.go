package claimreview

import (
	"errors"
	"strings"
	"testing"

	"factline/bot/reviews"
)

// The fixtures are written here, in the forms publishers and Google write them.

// articleLD is one ClaimReview as a French fact-check article embeds it.
const articleLD = `{
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  "url": "https://factuel.afp.com/doc.afp.com.LYON1",
  "claimReviewed": "La ville de Lyon offre une voiture électrique à chaque demandeur d'asile",
  "datePublished": "2025-04-29T14:03:00+02:00",
  "inLanguage": "fr",
  "author": {"@type": "Organization", "name": "AFP Factuel", "url": "https://factuel.afp.com/"},
  "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "Faux"},
  "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Page Facebook"},
    "datePublished": "2025-04-20", "firstAppearance": {"@type": "CreativeWork", "url": "https://facebook.com/x"}}
}`

// graphLD is an @graph with a web page, an organisation and two reviews, one in Spanish with
// a rating the table does not know, one without a claim.
const graphLD = `{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "@id": "https://maldita.es/x", "name": "Maldita"},
  {"@type": ["ClaimReview"], "url": "https://maldita.es/bulo-coches",
   "claimReviewed": "Lyon regala un coche eléctrico a cada solicitante de asilo",
   "datePublished": "2025-05-02", "inLanguage": {"@type": "Language", "name": "Spanish"},
   "author": [{"@type": "Organization", "name": "Maldita.es", "url": "https://maldita.es"}],
   "reviewRating": {"@type": "Rating", "alternateName": "Cuento chino"},
   "itemReviewed": {"@type": "Claim", "appearance": [{"@type": "CreativeWork", "datePublished": "2025-04-30"}]}},
  {"@type": "ClaimReview", "url": "https://maldita.es/sin-claim", "reviewRating": {"alternateName": "Falso"}}
]}`

// feed is a schema.org DataFeed whose elements wrap their reviews in item (an object or an
// array), as the public ClaimReview feeds do; one has no URL, one repeats a URL of articleLD.
const feed = `{"@context": "http://schema.org", "@type": "DataFeed", "dataFeedElement": [
  {"@type": "DataFeedItem", "dateCreated": "2024-01-01", "item": [{"@context": "http://schema.org", "@type": "ClaimReview",
    "url": "https://www.fullfact.org/immigration/dover-video/", "claimReviewed": "A video shows migrants storming a supermarket in Dover.",
    "datePublished": "2019-03-01", "author": {"@type": "Organization", "name": "Full Fact", "url": "https://fullfact.org"},
    "reviewRating": {"@type": "Rating", "alternateName": "Missing context"}}]},
  {"@type": "DataFeedItem", "item": {"@type": "http://schema.org/ClaimReview",
    "claimReviewed": "Vaccines contain microchips", "reviewRating": {"alternateName": "False"}}},
  {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "url": "https://factuel.afp.com/doc.afp.com.LYON1",
    "claimReviewed": "La ville de Lyon offre une voiture électrique à chaque demandeur d'asile",
    "author": {"name": "AFP Factuel", "url": "https://factuel.afp.com"}, "reviewRating": {"alternateName": "Trompeur"}}}
]}`

// searchResponse is a claims:search response of the Fact Check Tools API.
const searchResponse = `{"claims": [
  {"text": "Canada gives refugees more money than pensioners", "claimant": "Facebook posts", "claimDate": "2023-06-01T00:00:00Z",
   "claimReview": [
     {"publisher": {"name": "AFP Fact Check", "site": "factcheck.afp.com"}, "url": "https://factcheck.afp.com/refugees-pensioners",
      "title": "Refugees do not get more than pensioners", "reviewDate": "2023-06-12T00:00:00Z", "textualRating": "False", "languageCode": "en"},
     {"publisher": {"name": "Les Décrypteurs", "site": "ici.radio-canada.ca"}, "url": "https://ici.radio-canada.ca/decrypteurs/refugies",
      "reviewDate": "2023-06-15T00:00:00Z", "textualRating": "C'est faux.", "languageCode": "fr"}]}],
 "nextPageToken": "CAo"}`

func batchOf(t *testing.T, files map[string]string) *Batch {
	t.Helper()
	b := NewBatch()
	for _, name := range []string{"article.json", "graph.json", "feed.json", "search.json", "page.html"} {
		if data, ok := files[name]; ok {
			if err := b.Add(name, strings.NewReader(data)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b
}

func TestAddRefusesLinksThatAreNotWebLinks(t *testing.T) {
	b := NewBatch()
	for _, u := range []string{"javascript:alert(1)", "/fact-check/x", "ftp://example.org/x", "https://"} {
		item := `{"@type": "ClaimReview", "url": "` + u + `", "claimReviewed": "A city gave every migrant a free car.",
			"reviewRating": {"alternateName": "False"}, "author": {"name": "Checker", "url": "https://checker.example"}}`
		if err := b.Add("item.json", strings.NewReader(item)); err != nil {
			t.Fatal(err)
		}
	}
	if len(b.Reviews) != 0 || b.Refused[BadURL] != 4 {
		t.Fatalf("kept %+v, refused %v: want the four refused as not web links", b.Reviews, b.Refused)
	}
}

func TestAddReadsEveryForm(t *testing.T) {
	b := batchOf(t, map[string]string{"article.json": articleLD, "graph.json": graphLD, "feed.json": feed, "search.json": searchResponse})
	byURL := map[string]reviews.Review{}
	for _, r := range b.Reviews {
		byURL[r.URL] = r
	}
	if b.Read != 8 || len(b.Reviews) != 5 || b.Duplicates != 1 {
		t.Errorf("read %d, kept %d, duplicates %d: want 8, 5, 1", b.Read, len(b.Reviews), b.Duplicates)
	}
	if b.Refused[NoClaim] != 1 || b.Refused[NoURL] != 1 {
		t.Errorf("refused %v, want one without claim and one without URL", b.Refused)
	}
	if u := b.UnknownRatings(); len(u) != 1 || u["Cuento chino"] != 1 {
		t.Errorf("unknown ratings %v", u)
	}

	afp := byURL["https://factuel.afp.com/doc.afp.com.LYON1"]
	// The feed's copy came later and replaced the article's: its rating, the article's claim.
	if afp.Rating != "Trompeur" || afp.Verdict != reviews.Misleading || afp.Site != "factuel.afp.com" || afp.Publisher != "AFP Factuel" || afp.Lang != "fr" {
		t.Errorf("AFP review %+v", afp)
	}
	maldita := byURL["https://maldita.es/bulo-coches"]
	if maldita.Lang != "es" || maldita.Site != "maldita.es" || maldita.Publisher != "Maldita.es" || maldita.Verdict != reviews.Other ||
		reviews.FormatDate(maldita.ReviewDate) != "2025-05-02" || reviews.FormatDate(maldita.ClaimDate) != "2025-04-30" {
		t.Errorf("Maldita review %+v", maldita)
	}
	ff := byURL["https://www.fullfact.org/immigration/dover-video/"]
	if ff.Site != "fullfact.org" || ff.Verdict != reviews.Misleading || ff.Lang != "en" || reviews.FormatDate(ff.ReviewDate) != "2019-03-01" {
		t.Errorf("Full Fact review %+v", ff)
	}
	dec := byURL["https://ici.radio-canada.ca/decrypteurs/refugies"]
	if dec.Claim != "Canada gives refugees more money than pensioners" || dec.Claimant != "Facebook posts" || dec.Lang != "fr" ||
		dec.Verdict != reviews.False || dec.Publisher != "Les Décrypteurs" || reviews.FormatDate(dec.ReviewDate) != "2023-06-15" ||
		reviews.FormatDate(dec.ClaimDate) != "2023-06-01" {
		t.Errorf("Décrypteurs review %+v", dec)
	}
	if en := byURL["https://factcheck.afp.com/refugees-pensioners"]; en.Title != "Refugees do not get more than pensioners" || en.Lang != "en" {
		t.Errorf("AFP English review %+v", en)
	}
}

func TestAddArticleFields(t *testing.T) {
	b := batchOf(t, map[string]string{"article.json": articleLD})
	if len(b.Reviews) != 1 {
		t.Fatalf("%d reviews", len(b.Reviews))
	}
	r := b.Reviews[0]
	want := reviews.Review{
		Claim: "La ville de Lyon offre une voiture électrique à chaque demandeur d'asile", Claimant: "Page Facebook",
		ClaimDate: r.ClaimDate, Publisher: "AFP Factuel", Site: "factuel.afp.com", URL: "https://factuel.afp.com/doc.afp.com.LYON1",
		ReviewDate: r.ReviewDate, Rating: "Faux", Verdict: reviews.False, Lang: "fr",
	}
	if r != want || reviews.FormatDate(r.ClaimDate) != "2025-04-20" || r.ReviewDate.Format("2006-01-02T15:04") != "2025-04-29T12:03" {
		t.Errorf("got  %+v\nwant %+v", r, want)
	}
}

func TestAddHTMLPage(t *testing.T) {
	page := "<!doctype html>\n<html><head>\n<script type=\"application/ld+json\">" + articleLD + "</script>\n" +
		"<script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script></head><body>…</body></html>"
	b := batchOf(t, map[string]string{"page.html": page})
	if len(b.Reviews) != 1 || b.Reviews[0].Rating != "Faux" {
		t.Fatalf("reviews %+v", b.Reviews)
	}
}

func TestAddJSONLines(t *testing.T) {
	b := NewBatch()
	lines := strings.ReplaceAll(articleLD, "\n", " ") + "\n" + strings.ReplaceAll(searchResponse, "\n", " ") + "\n"
	if err := b.Add("export.jsonl", strings.NewReader(lines)); err != nil {
		t.Fatal(err)
	}
	if len(b.Reviews) != 3 {
		t.Errorf("%d reviews from two lines, want 3", len(b.Reviews))
	}
}

func TestAddRefusesMalformed(t *testing.T) {
	tests := []struct {
		name, data, place string
	}{
		{"truncated.json", "{\"@type\": \"ClaimReview\",\n  \"url\": \"https://x.org\",\n  \"claimReviewed\": \"abc\"", "3:25"},
		{"comma.json", "[\n {\"@type\": \"ClaimReview\"},\n {\"url\": \"a\",,}\n]", "3:14"},
		{"bad.html", "<html>\n<script type=\"application/ld+json\">\n{\"a\": }\n</script>", "3:7"},
		{"second.jsonl", strings.ReplaceAll(articleLD, "\n", " ") + "\n{\"url\": tru}\n", "2:9"},
		{"deep.json", "{\"@type\": \"DataFeed\", \"dataFeedElement\": [\n {\"item\": {\"a\": }}]}", "2:17"},
		{"nothing.json", `{"@type": "NewsArticle", "headline": "x"}`, "no ClaimReview"},
		{"empty.json", "", "no ClaimReview"},
	}
	for _, tt := range tests {
		b := NewBatch()
		if err := b.Add("ok.json", strings.NewReader(articleLD)); err != nil {
			t.Fatal(err)
		}
		err := b.Add(tt.name, strings.NewReader(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.name) || !strings.Contains(err.Error(), tt.place) {
			t.Errorf("%s: error %v, want one naming the file and %q", tt.name, err, tt.place)
		}
		var se *SyntaxError
		if strings.Contains(tt.place, ":") && !errors.As(err, &se) {
			t.Errorf("%s: %v is not a SyntaxError", tt.name, err)
		}
		if b.Read != 1 || len(b.Reviews) != 1 {
			t.Errorf("%s: the batch changed (%d read) though the file was refused", tt.name, b.Read)
		}
	}
}
