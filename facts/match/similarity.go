package match

import "math"

// Similarity is the cosine, in [0,1], between the analyzed terms of a and b: their stemmed words
// and the concept terms of the synonym groups, each distinct term weighted by the index's idf
// plus one, the same weights the re-ranker's cosine feature uses (see cosWeight). Concepts make
// it work across languages: "crime" and "delincuencia" share ~crime. A term the index has never
// seen weighs as much as its rarest term. Numbers are left out: they are a fact to check, not a
// topic. langA and langB are the texts' languages, or "" to detect them. It is safe for
// concurrent use.
func (ix *Index) Similarity(a, langA, b, langB string) float64 {
	wa, wb := ix.termWeights(a, langA), ix.termWeights(b, langB)
	var dot, na, nb float64
	for t, w := range wa {
		na += w * w
		if _, ok := wb[t]; ok {
			dot += w * w
		}
	}
	for _, w := range wb {
		nb += w * w
	}
	if dot == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// termWeights returns the distinct word and concept terms of text with their cosine weights.
func (ix *Index) termWeights(text, lang string) map[string]float64 {
	if lang == "" {
		lang = DetectLanguage(text)
	}
	out := map[string]float64{}
	for _, tm := range analyze(text, lang, ix.stems, false, true) {
		if tm.num {
			continue
		}
		w := float64(ix.maxIDF) + 1
		if id, ok := ix.termIDs[tm.stem]; ok {
			w = float64(ix.cosWeight(id))
		}
		out[tm.stem] = w
	}
	return out
}
