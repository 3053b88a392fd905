package guard

import (
	"unicode"

	"factline/facts/match"
)

// scripts maps languages written outside the Latin alphabet to their script (Japanese, which
// mixes kana and Han, is handled apart).
var scripts = map[string]*unicode.RangeTable{
	"ar": unicode.Arabic, "fa": unicode.Arabic, "ur": unicode.Arabic, "ps": unicode.Arabic, "ckb": unicode.Arabic,
	"pa": unicode.Gurmukhi, "hi": unicode.Devanagari, "mr": unicode.Devanagari, "ne": unicode.Devanagari,
	"bn": unicode.Bengali, "gu": unicode.Gujarati, "ta": unicode.Tamil, "te": unicode.Telugu, "kn": unicode.Kannada,
	"ml": unicode.Malayalam, "si": unicode.Sinhala, "ru": unicode.Cyrillic, "uk": unicode.Cyrillic, "bg": unicode.Cyrillic,
	"sr": unicode.Cyrillic, "mk": unicode.Cyrillic, "el": unicode.Greek, "he": unicode.Hebrew, "yi": unicode.Hebrew,
	"hy": unicode.Armenian, "ka": unicode.Georgian, "am": unicode.Ethiopic, "ti": unicode.Ethiopic,
	"th": unicode.Thai, "lo": unicode.Lao, "km": unicode.Khmer, "my": unicode.Myanmar, "ko": unicode.Hangul,
	"zh": unicode.Han, "bo": unicode.Tibetan,
}

// detected are the languages match.DetectLanguage recognizes.
var detected = map[string]bool{"en": true, "fr": true, "es": true}

// Language refuses output not written in lang. from is the curated text's language.
//
// English, French and Spanish are detected from their words (match.DetectLanguage) and must be
// detected as lang. Languages with their own script (Arabic, Gurmukhi, Cyrillic...) must be
// written mostly in that script; Japanese may mix kana with Han. Other languages written in the
// Latin alphabet (Tagalog, Portuguese, Haitian Creole...) cannot be told apart without a model of
// each; for them the output must be mostly Latin letters and must not be detected as the curated
// text's own language, which catches the commonest failure: the model returning the text untranslated.
func Language(output, lang, from string) error {
	got := match.DetectLanguage(output)
	if detected[lang] {
		if got != lang {
			return violation(ReasonLanguage, "want %s, detected %q", lang, got)
		}
		return nil
	}
	inScript, latin := latinLetter, true
	if table := scripts[lang]; table != nil {
		inScript, latin = func(r rune) bool { return unicode.Is(table, r) }, false
	}
	if lang == "ja" {
		inScript, latin = func(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) }, false
	}
	if share := scriptShare(output, inScript); share < 0.6 {
		return violation(ReasonLanguage, "want %s, only %.0f%% of letters in its script", lang, share*100)
	}
	if latin && got != "" && got == from {
		return violation(ReasonLanguage, "want %s, detected the curated text's %s", lang, got)
	}
	return nil
}

func latinLetter(r rune) bool { return unicode.Is(unicode.Latin, r) }

// scriptShare is the share of output's letters for which inScript is true.
func scriptShare(output string, inScript func(rune) bool) float64 {
	var letters, in int
	for _, r := range output {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if inScript(r) {
			in++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(in) / float64(letters)
}
