package match

// Kind says which part of a document a text is (weights differ per field).
type Kind int

// The fields of a Document.
const (
	// KindTitle is a short headline naming the claim.
	KindTitle Kind = iota
	// KindClaim is the claim as the collection states it.
	KindClaim
	// KindPhrasing is one way people actually say the claim.
	KindPhrasing
)

// Text is one field of a document, in a known language ("en","fr","es" or "" for unknown).
type Text struct {
	Kind Kind
	Lang string
	Text string
}

// Document is one claim to find: a myth of the fact base (texts in several languages) or one
// claim of an external collection.
type Document struct {
	ID    string
	Texts []Text
}

// Result is one ranked candidate. Score is the raw ranking score (comparable only within one
// query); Confidence in [0,1] is calibrated: the estimated probability that ID is a correct match
// for the query.
type Result struct {
	ID         string
	Score      float64
	Confidence float64
}
