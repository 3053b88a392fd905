package match

import (
	"math"
	"testing"
)

func TestSimilarity(t *testing.T) {
	ix, err := Build([]Document{
		{ID: "crime", Texts: []Text{{Kind: KindClaim, Lang: "en", Text: "Immigrants bring crime to Canada."}}},
		{ID: "housing", Texts: []Text{{Kind: KindClaim, Lang: "en", Text: "Immigrants are causing the housing crisis."}}},
		{ID: "jobs", Texts: []Text{{Kind: KindClaim, Lang: "en", Text: "Immigrants take jobs away from Canadian workers."}}},
	}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	claim := "Immigrants bring crime to Canada."
	same := ix.Similarity(claim, "en", claim, "en")
	if math.Abs(same-1) > 1e-9 {
		t.Errorf("a text with itself: %v, want 1", same)
	}
	restated := ix.Similarity("Newcomers bring crimes to our cities.", "en", claim, "en")
	rebuttal := ix.Similarity("Canadian research doesn't support this: more immigration went with lower violence rates.", "en", claim, "en")
	spanish := ix.Similarity("Los inmigrantes traen delincuencia.", "es", claim, "en")
	unrelated := ix.Similarity("The weather is lovely today.", "en", claim, "en")
	t.Logf("restated %.2f rebuttal %.2f spanish %.2f unrelated %.2f", restated, rebuttal, spanish, unrelated)
	if !(restated > rebuttal) {
		t.Errorf("restating the claim (%.2f) is not closer than a rebuttal (%.2f)", restated, rebuttal)
	}
	if spanish < 0.2 || spanish <= unrelated {
		t.Errorf("the claim in Spanish: %.2f, want the concepts to carry it across languages", spanish)
	}
	if unrelated != 0 {
		t.Errorf("an unrelated text: %v, want 0", unrelated)
	}
	if s := ix.Similarity("", "en", claim, "en"); s != 0 {
		t.Errorf("an empty text: %v, want 0", s)
	}
	if a, b := ix.Similarity(restated2, "en", claim, ""), ix.Similarity(claim, "", restated2, "en"); math.Abs(a-b) > 1e-9 {
		t.Errorf("not symmetric: %v and %v", a, b)
	}
}

const restated2 = "Immigrants are criminals: newcomers bring crime."
