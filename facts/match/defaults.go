package match

// Recommended bot policy, measured on testdata/myths-queries.jsonl (see TestMythQueries): answer
// when the top Confidence is at least DefaultThreshold; offer the top two when their confidences
// differ by less than DefaultMargin.
//
// On the check half (not used for fitting), a threshold of 0.6 keeps the same share of right
// answers as 0.5 (0.950) with fewer false answers to off-topic messages (4 of 102 against 10);
// on both halves together 0.6 gives 0.935 right and 4.2% false answers, 0.5 gives 0.941 and 7.9%.
// The margin rarely matters: the model seldom gives two myths close confidences.
const (
	DefaultThreshold = 0.6
	DefaultMargin    = 0.1
)
