package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NotEmpty refuses output with no letters: an empty reply, or only punctuation or emoji.
func NotEmpty(output string) error {
	if strings.IndexFunc(output, unicode.IsLetter) < 0 {
		return violation(ReasonEmpty, "no text")
	}
	return nil
}

// refusals are how models decline or talk about themselves, lower case. A rebuttal written by
// the curators never says these, so a reply that does is not a rebuttal.
var refusals = []string{
	"i'm sorry", "i am sorry", "i cannot", "i can't", "i can not", "i'm unable", "i am unable", "i won't",
	"as an ai", "language model", "i'm not able", "i am not able", "here is the", "here's the",
	"je suis désolé", "désolé, ", "je ne peux pas", "en tant qu'ia", "en tant qu’ia", "modèle de langage", "voici la", "voici le",
	"lo siento", "no puedo", "como ia", "como modelo de lenguaje", "modelo de lenguaje", "aquí está", "aquí tienes",
}

// NotRefusal refuses output that declines the task, comments on it ("Here is the translation:")
// or speaks as a model, in English, French or Spanish. A phrase the curated text itself uses is allowed.
func NotRefusal(output, curated string) error {
	out, cur := strings.ToLower(strings.ReplaceAll(output, "’", "'")), strings.ToLower(strings.ReplaceAll(curated, "’", "'"))
	for _, r := range refusals {
		if strings.Contains(out, r) && !strings.Contains(cur, r) {
			return violation(ReasonRefusal, "says %q", r)
		}
	}
	return nil
}

// WithinRunes refuses output longer than max characters (no limit when max <= 0).
func WithinRunes(output string, max int) error {
	if n := utf8.RuneCountInString(output); max > 0 && n > max {
		return violation(ReasonTooLong, "%d characters, limit %d", n, max)
	}
	return nil
}

// WithinGrowth refuses output more than pct percent longer than the curated text, in characters
// (no limit when pct <= 0). A model that adds that much is adding content.
func WithinGrowth(output, curated string, pct int) error {
	n, c := utf8.RuneCountInString(output), utf8.RuneCountInString(curated)
	if limit := c + c*pct/100; pct > 0 && n > limit {
		return violation(ReasonGrowth, "%d characters from %d, limit +%d%%", n, c, pct)
	}
	return nil
}
