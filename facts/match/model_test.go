package match

import (
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
