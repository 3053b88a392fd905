package match

// Keywords returns the words of text as the matcher sees them: stop words dropped, stemmed in
// lang ("" detects it), plus the cross-language concept terms they evoke ("~housing" for rent,
// loyer or alquiler); numbers are left out. The curator report groups unanswered questions by
// these, so "rent" and "rents" and "loyers" land in one group.
func Keywords(text, lang string) []string {
	if lang == "" {
		lang = DetectLanguage(text)
	}
	var out []string
	for _, t := range analyze(text, lang, stemCache{}, false, true) {
		if !t.num {
			out = append(out, t.stem)
		}
	}
	return out
}
