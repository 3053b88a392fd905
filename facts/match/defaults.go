package match

// Recommended bot policy, measured on testdata/myths-queries.jsonl (see TestMythQueries): answer
// when the top Confidence is at least DefaultThreshold; offer the top two when their confidences
// differ by less than DefaultMargin.
//
// On the check half (not used for fitting: 306 claims, 183 off-topic messages), 0.6 answers 0.954
// of the claims rightly, with 3 false answers to off-topic messages (1.6%); the lowest threshold
// without any false answer there, for a bot that only overhears, is 0.94 (TestMythThresholds).
// The margin rarely matters: the model seldom gives two myths close confidences.
const (
	DefaultThreshold = 0.6
	DefaultMargin    = 0.1
)
