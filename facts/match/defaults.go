package match

// Recommended bot policy, measured on testdata/myths-queries.jsonl (see TestMythQueries): answer
// when the top Confidence is at least DefaultThreshold; offer the top two when their confidences
// differ by less than DefaultMargin.
//
// On the check half (not used for fitting: 434 claims, 210 off-topic messages, 29 myths), 0.6
// answers 0.915 of the claims rightly, with 8 false answers to off-topic messages (3.8%); the
// lowest threshold with at most 0.5% false answers there, for a bot that only overhears, is 0.91
// (TestMythThresholds).
// The margin rarely matters: the model seldom gives two myths close confidences.
const (
	DefaultThreshold = 0.6
	DefaultMargin    = 0.1
)
