package match

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"
)

// The learned models are refitted with
//
//	go test ./facts/match/ -run TestTrain -train
//
// which rewrites models.json: "claims" from the CheckThat! 2A train split (never dev), "myths"
// from the fit half of testdata/myths-queries.jsonl against the fact base in facts/base/myths.
// Re-run it after changing the analysis, the retrieval options or the features.
var train = flag.Bool("train", false, "refit the models and rewrite models.json")

func TestTrain(t *testing.T) {
	if !*train {
		t.Skip("pass -train to refit models.json")
	}
	out := map[string]*model{}

	docs, qs := loadCheckThat(t)
	opts := DefaultOptions()
	opts.Model = "claims"
	ix, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	var X [][nFeatures]float64
	var y []bool
	for _, q := range splitQueries(qs, "train") {
		for _, c := range ix.rank(q.Text, "", opts.RerankDepth) {
			X = append(X, c.f)
			y = append(y, slices.Contains(q.Gold, ix.ids[c.doc]))
		}
	}
	out["claims"] = &model{Features: featureNames[:], Weights: fitLogistic(X, y, 1),
		Trained: fmt.Sprintf("CheckThat! 2A train split: %d queries, %d candidates", len(splitQueries(qs, "train")), len(X))}

	opts.Model = "myths"
	mix, err := Build(loadMythDocs(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	X, y = nil, nil
	fit := loadMythQueries(t, "fit")
	for _, q := range fit {
		for _, c := range mix.rank(q.Text, "", opts.RerankDepth) {
			X = append(X, c.f)
			y = append(y, slices.Contains(q.Gold, mix.ids[c.doc]))
		}
	}
	out["myths"] = &model{Features: featureNames[:], Weights: fitLogistic(X, y, 1),
		Trained: fmt.Sprintf("testdata/myths-queries.jsonl fit half: %d queries, %d candidates", len(fit), len(X))}

	data, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("models.json", append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, m := range out {
		t.Logf("%s: %s\n%v", name, m.Trained, m.Weights)
	}
}

// fitLogistic fits an L2-regularized logistic regression by Newton's method. The bias (feature 0)
// is not penalized.
func fitLogistic(X [][nFeatures]float64, y []bool, l2 float64) []float64 {
	w := make([]float64, nFeatures)
	for iter := 0; iter < 50; iter++ {
		var grad [nFeatures]float64
		var hess [nFeatures][nFeatures]float64
		for i, x := range X {
			z := 0.0
			for j := range x {
				z += w[j] * x[j]
			}
			p := sigmoid(z)
			t := 0.0
			if y[i] {
				t = 1
			}
			for j := range x {
				grad[j] += (p - t) * x[j]
				for k := range x {
					hess[j][k] += p * (1 - p) * x[j] * x[k]
				}
			}
		}
		for j := 1; j < nFeatures; j++ {
			grad[j] += l2 * w[j]
			hess[j][j] += l2
		}
		hess[0][0] += 1e-9
		step := solve(hess, grad)
		change := 0.0
		for j := range w {
			w[j] -= step[j]
			change = max(change, math.Abs(step[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	return w
}

// solve solves A x = b by Gaussian elimination with partial pivoting.
func solve(A [nFeatures][nFeatures]float64, b [nFeatures]float64) [nFeatures]float64 {
	const n = nFeatures
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(A[r][c]) > math.Abs(A[p][c]) {
				p = r
			}
		}
		A[c], A[p] = A[p], A[c]
		b[c], b[p] = b[p], b[c]
		if A[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := A[r][c] / A[c][c]
			for k := c; k < n; k++ {
				A[r][k] -= f * A[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	var x [nFeatures]float64
	for r := n - 1; r >= 0; r-- {
		if A[r][r] == 0 {
			continue
		}
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= A[r][k] * x[k]
		}
		x[r] = s / A[r][r]
	}
	return x
}
