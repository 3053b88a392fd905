package match

import (
	"math"
	"strings"
	"testing"
)

// TestModelsMatchFeatures checks the embedded models.json against the feature list: retraining
// (go test -run TestTrain -train) is needed after adding or reordering features.
func TestModelsMatchFeatures(t *testing.T) {
	ms, err := loadModels(modelsJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"claims", "myths"} {
		m := ms[name]
		if m == nil {
			t.Fatalf("models.json has no %q model", name)
		}
		if m.Trained == "" {
			t.Errorf("model %q does not say what it was trained on", name)
		}
	}
	stale := strings.Replace(string(modelsJSON), `"bias"`, `"bias2"`, 1)
	if _, err := loadModels([]byte(stale)); err == nil {
		t.Error("a model whose feature names differ must be refused")
	}
	if _, err := loadModels([]byte(`{"x": {"features": ["bias"], "weights": [1]}}`)); err == nil {
		t.Error("a model with the wrong number of features must be refused")
	}
}

// TestModelChoice checks that a collection with phrasings gets the myths model.
func TestModelChoice(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ix.model != models["myths"] {
		t.Error("documents with phrasings should use the myths model")
	}
	ix, err = Build([]Document{{ID: "c", Texts: []Text{{Kind: KindClaim, Lang: "en", Text: "x"}}}}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ix.model != models["claims"] {
		t.Error("claim collections should use the claims model")
	}
}

// TestChanceAmong checks the chance that the right document is among the first n candidates
// against the listwise model it reads: one candidate's chance is its confidence; it grows with
// the candidates counted and shrinks with rivals left out.
func TestChanceAmong(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []float64{0, 0.1, 0.5, 0.9} {
		if got := ChanceAmong([]float64{c}, 3); !near(got, c) {
			t.Errorf("one candidate at %v: chance %v, want its confidence", c, got)
		}
	}
	// Two at 0.2 (odds 1/4 each): 1/2 over 1 + 1/2.
	if got := ChanceAmong([]float64{0.2, 0.2}, 3); !near(got, 1.0/3) {
		t.Errorf("two at 0.2: %v, want 1/3", got)
	}
	if two, one := ChanceAmong([]float64{0.3, 0.3}, 3), ChanceAmong([]float64{0.35}, 3); two <= one {
		t.Errorf("two close candidates at 0.3 (%v) should be a better offer than one at 0.35 (%v)", two, one)
	}
	// A fourth candidate, not offered, is a rival: it lowers the chance of the first three.
	if with, without := ChanceAmong([]float64{0.3, 0.2, 0.1, 0.1}, 3), ChanceAmong([]float64{0.3, 0.2, 0.1}, 3); with >= without {
		t.Errorf("a fourth candidate left out: chance %v, want below %v", with, without)
	}
	if got := ChanceAmong([]float64{1, 0.5}, 1); got < 0.999 || got > 1 {
		t.Errorf("a certain first candidate: chance %v, want about 1", got)
	}
	if got := ChanceAmong(nil, 3); got != 0 {
		t.Errorf("no candidates: chance %v, want 0", got)
	}
}
