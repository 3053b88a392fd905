package match

// Options tune the index; DefaultOptions() returns the tested defaults.
type Options struct {
	// K1 and B are the BM25 saturation and length-normalization parameters.
	K1, B float64
	// TitleWeight, ClaimWeight and PhrasingWeight scale a term's frequency by the field it is in.
	TitleWeight, ClaimWeight, PhrasingWeight float64
}

// DefaultOptions returns the parameters measured best on the CheckThat! 2A train split and the
// myth query set's fit half.
func DefaultOptions() Options {
	return Options{K1: 1.2, B: 0.75, TitleWeight: 1, ClaimWeight: 1, PhrasingWeight: 1}
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
