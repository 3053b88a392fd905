package match

// DetectLanguage returns the language of text among the supported ones ("en","fr","es"), or ""
// when unsure.
//
// It counts stop words of each language (the commonest words are the surest sign of a language
// in short chat messages) and letters only one language uses (ñ ¿ ¡ for Spanish; ç œ è ê à for
// French), and answers only when one language clearly leads.
func DetectLanguage(text string) string {
	return detectTokens(tokensOf(text), text)
}

// detectTokens is DetectLanguage over the tokens of text.
func detectTokens(toks []token, text string) string {
	scores := map[string]float64{}
	for _, t := range toks {
		if t.num || t.tag {
			continue
		}
		for lang, set := range stopWords {
			if set[t.word] {
				scores[lang]++
			}
		}
	}
	for _, r := range text {
		switch r {
		case 'ñ', '¿', '¡', 'Ñ':
			scores["es"] += 2
		case 'ç', 'œ', 'è', 'ê', 'à', 'ù', 'û', 'Ç', 'È', 'Ê', 'À':
			scores["fr"] += 2
		}
	}
	best, second := "", 0.0
	for _, lang := range []string{"en", "fr", "es"} {
		if best == "" || scores[lang] > scores[best] {
			if best != "" {
				second = max(second, scores[best])
			}
			best = lang
		} else {
			second = max(second, scores[lang])
		}
	}
	if scores[best] < 1 || scores[best] <= second {
		return ""
	}
	return best
}
