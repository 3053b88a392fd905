package guard

import (
	"strings"
	"unicode"

	"factline/facts/match"
)

// negators mark a negated sentence in English, French and Spanish. A sentence is negated or not,
// whatever the number of markers ("ne ... pas" counts once).
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "none": true, "nobody": true, "nothing": true, "neither": true,
	"nor": true, "cannot": true, "ne": true, "pas": true, "jamais": true, "aucun": true, "aucune": true,
	"rien": true, "ni": true, "nunca": true, "jamás": true, "ningún": true, "ninguna": true, "ninguno": true,
	"nada": true, "nadie": true, "tampoco": true,
}

// negated reports whether a sentence carries a negation.
func negated(sentence string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(sentence), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}) {
		w = strings.ReplaceAll(w, "’", "'")
		if negators[w] || strings.HasSuffix(w, "n't") || strings.HasPrefix(w, "n'") { // "don't", "n'ont"
			return true
		}
	}
	return false
}

// DefaultNegatedClaimLikeness is how alike (by the matcher's cosine) a sentence and a negated
// claim must be for the sentence to say the claim, when both are negated. Calibrated on
// bot/testdata/paraphrases.tsv: the reversal "Les immigrants ne paient pas d'impôts et coûtent
// cher à l'aide sociale" reaches 0.78 to its claim, while the curated "Les immigrants paient des
// impôts" reaches 0.76 without saying it.
const DefaultNegatedClaimLikeness = 0.6

// NoNegationFlip refuses output that says a negated claim ("Immigrants don't pay taxes") in its
// own polarity when the curated answer never does: the matcher's likeness cannot see a negation,
// so "Immigrants pay taxes." in the answer makes "Immigrants don't pay taxes." look no closer to
// the myth than the answer itself (NoRestatement lets it through). A faithful paraphrase may
// drop a negation ("do not take jobs" -> "create jobs"), so only a claim that is itself negated
// is checked, and only a sentence that keeps the negation. A zero Myth turns the check off.
func NoNegationFlip(output, lang, evidence, evidenceLang string, m Myth) error {
	if m.Analyze == nil {
		return nil
	}
	var claims []match.Terms
	for _, c := range m.Claims {
		if negated(c.Text) {
			claims = append(claims, m.Analyze(c.Text, c.Lang))
		}
	}
	if len(claims) == 0 {
		return nil
	}
	says := func(texts []string, lang string) (float64, string) {
		var negatedTexts []string
		for _, t := range texts {
			if negated(t) {
				negatedTexts = append(negatedTexts, t)
			}
		}
		return closest(m.analyze(negatedTexts, lang), negatedTexts, claims)
	}
	if l, _ := says(sentences(evidence), evidenceLang); l >= DefaultNegatedClaimLikeness {
		return nil // the curated answer states the claim itself, to rebut it
	}
	if l, s := says(sentences(output), lang); l >= DefaultNegatedClaimLikeness {
		return violation(ReasonNegation, "%q says the negated claim (likeness %.2f), which the curated answer does not", s, l)
	}
	return nil
}
