package match

import (
	"errors"
	"fmt"
)

// Options tune the index; DefaultOptions() returns the tested defaults.
type Options struct {
	// K1 and B are the BM25 saturation and length-normalization parameters.
	K1, B float64
	// TitleWeight, ClaimWeight and PhrasingWeight scale a term's frequency by the field it is in.
	TitleWeight, ClaimWeight, PhrasingWeight float64
	// ConceptWeight is the query weight of cross-language concept terms (rent -> ~housing);
	// 0 turns concept matching off.
	ConceptWeight float64
	// FuzzyWeight is the query weight of a vocabulary word found for a misspelled, unknown word;
	// 0 turns fuzzy matching off.
	FuzzyWeight float64
	// AuthorWeight is the query weight of the author named in a pasted tweet's footer.
	AuthorWeight float64
	// RerankDepth is how many BM25 candidates the learned model re-scores; 0 keeps BM25 order
	// and a plain squash of the score as confidence.
	RerankDepth int
	// Model names the learned model: "claims" (fact-check collections with a claim and a title
	// per document, trained on CheckThat! 2A train) or "myths" (the fact base, with phrasings,
	// calibrated on testdata/myths-queries.jsonl). "" picks "myths" when any document has
	// phrasings, else "claims".
	Model string
}

// DefaultOptions returns the parameters measured best on the CheckThat! 2A train split and on
// the fit half of the myth query set.
func DefaultOptions() Options {
	return Options{
		K1: 1.0, B: 0.6,
		TitleWeight: 1, ClaimWeight: 1, PhrasingWeight: 1,
		ConceptWeight: 1.0, FuzzyWeight: 0.6, AuthorWeight: 0.6,
		RerankDepth: 20,
	}
}

// validate rejects options that would make scores meaningless.
func (o Options) validate() error {
	switch {
	case o.K1 < 0 || o.B < 0 || o.B > 1:
		return fmt.Errorf("match: K1 %v and B %v: want K1 >= 0 and B in [0,1]", o.K1, o.B)
	case o.TitleWeight < 0 || o.ClaimWeight < 0 || o.PhrasingWeight < 0 || o.ConceptWeight < 0 ||
		o.FuzzyWeight < 0 || o.AuthorWeight < 0:
		return errors.New("match: weights must not be negative")
	case o.RerankDepth < 0:
		return fmt.Errorf("match: RerankDepth %d is negative", o.RerankDepth)
	}
	return nil
}

func (o Options) weight(k Kind) float64 {
	switch k {
	case KindTitle:
		return o.TitleWeight
	case KindClaim:
		return o.ClaimWeight
	default:
		return o.PhrasingWeight
	}
}
