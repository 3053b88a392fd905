package match

import "math"

// Terms is a text as Similarity compares it: its distinct stemmed words and the concept terms of
// the synonym groups, each weighted by the index's idf plus one, the weights of the re-ranker's
// cosine feature (see cosWeight). Analyse a text once with Index.Terms to compare it with many.
type Terms struct {
	weights map[string]float64
	norm    float64
}

// Terms analyses text for Similarity. A term the index has never seen weighs as much as its
// rarest term. Numbers are left out: they are a fact to check, not a topic. lang is the text's
// language, or "" to detect it. It is safe for concurrent use.
func (ix *Index) Terms(text, lang string) Terms {
	if lang == "" {
		lang = DetectLanguage(text)
	}
	t := Terms{weights: map[string]float64{}}
	for _, tm := range analyze(text, lang, ix.stems, false, true) {
		if tm.num {
			continue
		}
		w := float64(ix.maxIDF) + 1
		if id, ok := ix.termIDs[tm.stem]; ok {
			w = float64(ix.cosWeight(id))
		}
		t.weights[tm.stem] = w
	}
	for _, w := range t.weights {
		t.norm += w * w
	}
	t.norm = math.Sqrt(t.norm)
	return t
}

// Cosine is the cosine of a and b, in [0,1]; 0 when either is empty.
func (a Terms) Cosine(b Terms) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	if len(b.weights) < len(a.weights) {
		a, b = b, a
	}
	var dot float64
	for t, w := range a.weights {
		if _, ok := b.weights[t]; ok {
			dot += w * w
		}
	}
	return dot / (a.norm * b.norm)
}

// Similarity is the cosine, in [0,1], between the analysed terms of a and b (see Terms). The
// concepts make it work across languages: "crime" and "delincuencia" share ~crime. langA and
// langB are the texts' languages, or "" to detect them.
func (ix *Index) Similarity(a, langA, b, langB string) float64 {
	return ix.Terms(a, langA).Cosine(ix.Terms(b, langB))
}
