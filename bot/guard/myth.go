package guard

import (
	"regexp"
	"strings"
)

// Likeness scores how close a text in lang is to the claim of the myth being answered, in
// [0,1]. The bot builds it from the matcher's own similarity (bot.Matcher.Similarity), so "close"
// means what it means when a question is matched to the myth.
type Likeness func(text, lang string) float64

// DefaultMythMargin is how much closer to the myth's claim than the curated answer a sentence
// of the model's text may be. On bot/testdata/paraphrases.tsv, faithful rephrasings and
// translations stay below +0.10 of the curated answer's closest sentence, and reversed answers
// rise 0.2 to 0.7 above it (see TestRedTeam, which logs both).
const DefaultMythMargin = 0.15

// sentenceEnd splits text into sentences: after ., !, ? or ; followed by a space, and at line breaks.
var sentenceEnd = regexp.MustCompile(`[.!?;:]+["»”)\]]*\s+|\n+`)

// closestSentence returns the highest likeness of any sentence of text, and that sentence.
func closestSentence(text, lang string, like Likeness) (float64, string) {
	best, which := 0.0, ""
	for _, s := range sentenceEnd.Split(text, -1) {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if l := like(s, lang); l > best {
			best, which = l, s
		}
	}
	return best, which
}

// NoRestatement refuses output that says the myth rather than rebutting it: when one of its
// sentences is closer to the myth's claim than any sentence of the curated text is, by more than
// margin. A model that reverses an answer ("Immigrants are criminals. The data is clear:
// newcomers bring crime") has to restate the claim to do it; a faithful rephrasing stays as far
// from the claim as the curated answer. The curated text is the baseline, not a fixed threshold,
// because some rebuttals open by naming the claim. like nil turns the check off.
func NoRestatement(output, lang, curated, curatedLang string, like Likeness, margin float64) error {
	if like == nil {
		return nil
	}
	out, sentence := closestSentence(output, lang, like)
	base, _ := closestSentence(curated, curatedLang, like)
	if out > base+margin {
		return violation(ReasonMyth, "%.2f to the claim against the curated %.2f: %q", out, base, sentence)
	}
	return nil
}
