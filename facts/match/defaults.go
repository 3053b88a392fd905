package match

// Recommended bot policy, measured on testdata/myths-queries.jsonl (see TestMythQueries): answer
// when the top Confidence is at least DefaultThreshold; offer the top two when their confidences
// differ by less than DefaultMargin.
const (
	DefaultThreshold = 0.5
	DefaultMargin    = 0.15
)
