package match

import (
	"math"
	"slices"
	"testing"
)

// calibration returns the expected calibration error (over four equal-width bins) and the
// Brier score of the top result's confidence, taken as the probability that it is right.
func calibration(ix *Index, qs []mythQuery) (ece, brier float64) {
	var n [4]int
	var conf, acc [4]float64
	for _, q := range qs {
		p, right := 0.0, 0.0
		if res := ix.Search(q.Text, "", 1); len(res) > 0 {
			p = res[0].Confidence
			if slices.Contains(q.Gold, res[0].ID) {
				right = 1
			}
		}
		b := min(int(p*4), 3)
		n[b]++
		conf[b] += p
		acc[b] += right
		brier += (p - right) * (p - right)
	}
	for b := range n {
		if n[b] > 0 {
			ece += math.Abs(acc[b]-conf[b]) / float64(len(qs))
		}
	}
	return ece, brier / float64(len(qs))
}

// TestCalibration checks that the myths model's confidence means what it says on the half of
// the query set it was not fitted on.
func TestCalibration(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, half := range []string{"fit", "check"} {
		ece, brier := calibration(ix, loadMythQueries(t, half))
		t.Logf("%s: expected calibration error %.3f, Brier score %.3f", half, ece, brier)
		if ece > 0.1 || brier > 0.1 {
			t.Errorf("%s: ECE %.3f, Brier %.3f; want both <= 0.1", half, ece, brier)
		}
	}
}

// TestConfidenceOrdersAnswers checks the confidence is monotone in the evidence: a query
// stating the claim beats a vague one, which beats an off-topic one.
func TestConfidenceOrdersAnswers(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	conf := func(q string) float64 {
		if res := ix.Search(q, "", 1); len(res) > 0 && res[0].ID == "housing" {
			return res[0].Confidence
		}
		return 0
	}
	clear, vague, off := conf("immigrants are causing the housing crisis and pushing rents up"),
		conf("housing"), conf("my landlord wants to evict me, what can I do?")
	if !(clear > 0.8 && clear > vague && vague >= off && off < 0.5) {
		t.Errorf("confidences clear %.2f, vague %.2f, off-topic %.2f: want clear > 0.8 > ... and off-topic < 0.5", clear, vague, off)
	}
}
