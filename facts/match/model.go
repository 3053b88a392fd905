package match

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
)

// model is a linear model over the re-ranking features: its score orders the candidates and
// the confidence is sigmoid(Platt[0]*score + Platt[1]).
//
// The myths model's weights are fitted on a listwise loss (a softmax over a query's first
// candidates and a "none of them" option of score 0) plus a smaller pointwise logistic one
// (Platt is [1, 0]): the score is judged against the rivals, and the sigmoid of the score, the
// chance of "this candidate rather than none", stays a calibrated confidence; see fitMythModel. The claims model's weights are fitted on
// pairs (the right claim against each other candidate of a query), which ranks better, and its
// Platt scaling turns the score into a probability afterwards, keeping confidence in rank order.
type model struct {
	Features []string   `json:"features"`
	Weights  []float64  `json:"weights"`
	Platt    [2]float64 `json:"platt"`
	// Trained records the data the weights were fitted on.
	Trained string `json:"trained"`
}

//go:embed models.json
var modelsJSON []byte

// models are the trained models by name; see train_test.go for how they are fitted.
var models = mustLoadModels(modelsJSON)

func mustLoadModels(data []byte) map[string]*model {
	m, err := loadModels(data)
	if err != nil {
		panic(err) // the embedded file is checked by TestModelsMatchFeatures
	}
	return m
}

func loadModels(data []byte) (map[string]*model, error) {
	var ms map[string]*model
	if err := json.Unmarshal(data, &ms); err != nil {
		return nil, fmt.Errorf("models.json: %w", err)
	}
	for name, m := range ms {
		if len(m.Features) != nFeatures || len(m.Weights) != nFeatures {
			return nil, fmt.Errorf("models.json: model %q has %d features, want %d", name, len(m.Weights), nFeatures)
		}
		if m.Platt[0] <= 0 {
			return nil, fmt.Errorf("models.json: model %q: Platt slope must be positive", name)
		}
		for i, f := range m.Features {
			if f != featureNames[i] {
				return nil, fmt.Errorf("models.json: model %q feature %d is %q, want %q", name, i, f, featureNames[i])
			}
		}
	}
	return ms, nil
}

func (m *model) score(f *[nFeatures]float64) float64 {
	s := 0.0
	for i, w := range m.Weights {
		s += w * f[i]
	}
	return s
}

// confidence turns a score into the probability that the candidate is right.
func (m *model) confidence(score float64) float64 {
	return sigmoid(m.Platt[0]*score + m.Platt[1])
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// ChanceAmong is the myths model's probability that the right document is among the first n of
// a query's candidates, given their confidences best first (as many candidates as were
// retrieved; the rest weigh little). The model is fitted on a softmax over a query's candidates
// and a "none of them" option of score 0, and a candidate's confidence is the sigmoid of its
// score, so its weight in that softmax is its odds, c/(1-c), against 1 for "none of them".
//
// A confidence says how likely one candidate is right; a choice of n candidates should be offered
// on how likely one of them is: two close candidates at 0.3 each are a better offer than one at
// 0.35. It holds for models with no Platt scaling (the myths model), not for the claims model.
func ChanceAmong(confidences []float64, n int) float64 {
	among, all := 0.0, 1.0
	for i, c := range confidences {
		c = min(max(c, 0), 1-1e-9) // a confidence of 1 is certain, not infinite odds
		o := c / (1 - c)
		if i < n {
			among += o
		}
		all += o
	}
	return among / all
}
