package match

// Keywords returns the words of text as the matcher sees them: stop words and numbers dropped,
// stemmed in lang ("" detects it), and a word of a cross-language synonym group replaced by the
// group's concept term ("~housing" for rent, loyer or alquiler). The curator report groups
// unanswered questions by these, so "rent", "rents" and "loyers" land in one group.
func Keywords(text, lang string) []string {
	if lang == "" {
		lang = DetectLanguage(text)
	}
	terms := analyze(text, lang, stemCache{}, false, true)
	evokes := map[int32]bool{}
	for _, t := range terms {
		if t.concept {
			evokes[t.pos] = true
		}
	}
	var out []string
	for _, t := range terms {
		if !t.num && (t.concept || !evokes[t.pos]) {
			out = append(out, t.stem)
		}
	}
	return out
}
