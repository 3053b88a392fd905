// Package reviews is factline's second tier: professional fact-checks (schema.org ClaimReview
// by AFP, Les Décrypteurs, Maldita…) that answer a question no curated myth answers.
//
// It holds the Review type every importer, store and lookup shares, the table that maps a
// fact-checker's own rating ("Faux", "Pants on Fire", "Engañoso") to factline's verdicts, and
// Index, the bot.ReviewSearcher over an imported collection, built on facts/match with the
// model trained on fact-checked claims (CheckThat! 2A).
package reviews

import (
	"strings"
	"time"

	"factline/bot"
	"factline/facts/match"
)

// Review is one professional fact-check of one claim.
type Review struct {
	// Claim is the claim as the fact-checker states it; Claimant who made it ("" unknown);
	// ClaimDate when it was made (zero when unknown).
	Claim     string
	Claimant  string
	ClaimDate time.Time
	// Title is the review's headline ("" unknown): the matcher reads it with the claim.
	Title string
	// Publisher is the fact-checker's name ("AFP Factuel") and Site its web site, a host name
	// without "www." ("factuel.afp.com"), which the allow-list of publishers names.
	Publisher string
	Site      string
	// URL is the review's address; it identifies the review.
	URL string
	// ReviewDate is when the review was published (zero when unknown).
	ReviewDate time.Time
	// Rating is the fact-checker's own textual rating; Verdict is it mapped by Verdict.
	Rating  string
	Verdict string
	// Lang is the review's language, a lower-case ISO 639-1 code ("" unknown).
	Lang string
}

// External is the review as the bot answers with it, with the searcher's confidence.
func (r Review) External(confidence float64) *bot.ExternalReview {
	verdict := r.Verdict
	if verdict == "" {
		verdict = Verdict(r.Rating)
	}
	return &bot.ExternalReview{
		Claim:      r.Claim,
		Claimant:   r.Claimant,
		Rating:     r.Rating,
		Verdict:    verdict,
		Publisher:  r.Publisher,
		Site:       r.Site,
		URL:        r.URL,
		ReviewDate: FormatDate(r.ReviewDate),
		Lang:       r.Lang,
		Confidence: confidence,
	}
}

// FormatDate writes t as "YYYY-MM-DD", or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// dateLayouts are the forms dates take in ClaimReview markup and in the Fact Check Tools API.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	time.DateOnly,
	"2006-01",
	"2006",
}

// ParseDate reads a date as schema.org markup and the Fact Check Tools API write them
// (ISO 8601: "2025-04-29", "2025-04-29T10:00:00Z", "2025-04-29T10:00:00+02:00"), in UTC.
// ok is false for an empty or unreadable date.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// Lang reduces a language tag to the lower-case primary subtag factline uses ("fr-CA" -> "fr",
// "ES" -> "es"); "" stays "".
func Lang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// Site reduces a site or address to the host name the allow-list compares
// ("https://www.AFP.com/fr/" -> "afp.com"); "" stays "".
func Site(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if h, _, ok := strings.Cut(s, ":"); ok {
		s = h
	}
	return strings.TrimPrefix(s, "www.")
}

// DetectLang guesses the language of a claim ("en", "fr", "es"), or "" when unsure, for
// reviews whose markup does not say.
func DetectLang(claim string) string { return match.DetectLanguage(claim) }
