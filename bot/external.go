package bot

import (
	"context"
	"strings"

	"factline/facts"
)

// ExternalReview is a fact-check published by someone else (a schema.org ClaimReview by AFP,
// Les Décrypteurs, Maldita…) that answers a question no curated myth answers. Surfaces show it
// apart from the curated answers, with its publisher, rating, date and link.
type ExternalReview struct {
	// Claim is the claim as the fact-checker reviewed it, and Claimant who made it ("" unknown).
	Claim    string `json:"claim"`
	Claimant string `json:"claimant,omitempty"`
	// Rating is the fact-checker's own rating ("Faux", "Pants on Fire"); Verdict is it mapped to
	// one of facts.ExternalVerdicts.
	Rating  string `json:"rating"`
	Verdict string `json:"verdict"`
	// Publisher is the fact-checker's name ("AFP Factuel") and Site its web site ("factuel.afp.com").
	Publisher string `json:"publisher"`
	Site      string `json:"site"`
	// URL is the review's address.
	URL string `json:"url"`
	// ReviewDate is the review's date, "YYYY-MM-DD", or "" when unknown.
	ReviewDate string `json:"review_date"`
	// Lang is the review's language.
	Lang string `json:"lang"`
	// Confidence is how sure the searcher is that the review is about the question's claim.
	Confidence float64 `json:"confidence"`
}

// ReviewSearcher finds a professional fact-check of a claim that no curated myth answers.
type ReviewSearcher interface {
	// SearchReview returns the review that answers text, or nil when none answers it with enough
	// confidence. lang is the language detected in text, to be preferred. text is scrubbed.
	SearchReview(ctx context.Context, text, lang string) (*ExternalReview, error)
}

// searchReview asks the review searchers in turn, the imported collection first, then, for a
// question someone is waiting on, the live lookup. A searcher that fails is logged and skipped:
// the question is then answered as if it had found nothing.
func (b *Bot) searchReview(ctx context.Context, req Request, text, lang string) *ExternalReview {
	searchers := []ReviewSearcher{b.reviews}
	if !req.Draft {
		searchers = append(searchers, b.lookup)
	}
	scrubbed := Scrub(text)
	for _, s := range searchers {
		if s == nil {
			continue
		}
		r, err := s.SearchReview(ctx, scrubbed, lang)
		if err != nil {
			b.log.Warn("review search failed", "err", err)
			continue
		}
		if r != nil {
			return r
		}
	}
	return nil
}

// externalBody is the fixed text of an answer taken from review r, in the words of lang.
func externalBody(base *facts.Base, r *ExternalReview, lang string) Body {
	w := wordsOf(base, lang)
	tmpl := w.external.Said
	if r.ReviewDate == "" {
		tmpl = w.external.Undated
	}
	short := strings.NewReplacer("{publisher}", r.Publisher, "{date}", r.ReviewDate, "{rating}", r.Rating).Replace(tmpl)
	return Body{Short: short, Full: short, Lang: w.Lang, Reviewed: r.ReviewDate}
}

// ExternalLabel is the label that sets an answer from publisher's fact-check apart from the
// curated ones ("Checked by AFP, not by us").
func (w Words) ExternalLabel(publisher string) string {
	return strings.ReplaceAll(w.external.Label, "{publisher}", publisher)
}

// ExternalVerdictLabel returns the label of an external verdict ("mixed" -> "Mitigé"), or the
// key itself when the fact base has no label for it.
func (w Words) ExternalVerdictLabel(v string) string {
	if s, ok := w.external.Verdicts[v]; ok {
		return s
	}
	return v
}
