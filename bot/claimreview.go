package bot

import (
	"net/url"
	"strings"
	"time"

	"factline/facts"
)

// ClaimReview is a schema.org ClaimReview (https://schema.org/ClaimReview), the markup search
// engines and fact-check aggregators read.
type ClaimReview struct {
	Context         string       `json:"@context"`
	Type            string       `json:"@type"`
	URL             string       `json:"url,omitempty"`
	ClaimReviewed   string       `json:"claimReviewed"`
	DatePublished   string       `json:"datePublished"`
	InLanguage      string       `json:"inLanguage"`
	Author          Thing        `json:"author"`
	ReviewRating    Rating       `json:"reviewRating"`
	ReviewBody      string       `json:"reviewBody"`
	ItemReviewed    ItemReviewed `json:"itemReviewed"`
	CitedSourceURLs []string     `json:"citation"`
}

// Thing is a schema.org named thing (an Organization here).
type Thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// Rating is the review's verdict; alternateName carries the verdict word.
type Rating struct {
	Type          string `json:"@type"`
	AlternateName string `json:"alternateName"`
}

// ItemReviewed is the claim as made.
type ItemReviewed struct {
	Type string `json:"@type"`
	Text string `json:"text,omitempty"`
}

// NewClaimReview describes myth m in lang. The review's url is baseURL/myths/ID?lang=xx when
// baseURL is set (the permalink the web surface serves).
func NewClaimReview(b *facts.Base, m *facts.Myth, lang, baseURL, author string) ClaimReview {
	t := m.Text(lang)
	cr := ClaimReview{
		Context:       "https://schema.org",
		Type:          "ClaimReview",
		ClaimReviewed: t.Claim,
		DatePublished: m.Reviewed.Format(time.DateOnly),
		InLanguage:    t.Lang,
		Author:        Thing{Type: "Organization", Name: author},
		ReviewRating:  Rating{Type: "Rating", AlternateName: m.Verdict},
		ReviewBody:    t.Short,
		ItemReviewed:  ItemReviewed{Type: "Claim", Text: t.Claim},
	}
	if baseURL != "" {
		cr.URL = strings.TrimSuffix(baseURL, "/") + "/myths/" + url.PathEscape(m.ID) + "?lang=" + url.QueryEscape(t.Lang)
	}
	for _, s := range b.Sources(m) {
		cr.CitedSourceURLs = append(cr.CitedSourceURLs, s.URL)
	}
	return cr
}
