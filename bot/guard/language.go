package guard

import (
	"unicode"

	"factline/facts/match"
)

// scripts maps languages written outside the Latin alphabet to their script.
var scripts = map[string]*unicode.RangeTable{
	"ar": unicode.Arabic, "fa": unicode.Arabic, "ur": unicode.Arabic, "ps": unicode.Arabic, "ckb": unicode.Arabic,
	"pa": unicode.Gurmukhi, "hi": unicode.Devanagari, "mr": unicode.Devanagari, "ne": unicode.Devanagari,
	"bn": unicode.Bengali, "gu": unicode.Gujarati, "ta": unicode.Tamil, "te": unicode.Telugu, "kn": unicode.Kannada,
	"ml": unicode.Malayalam, "si": unicode.Sinhala, "ru": unicode.Cyrillic, "uk": unicode.Cyrillic, "bg": unicode.Cyrillic,
	"sr": unicode.Cyrillic, "mk": unicode.Cyrillic, "el": unicode.Greek, "he": unicode.Hebrew, "yi": unicode.Hebrew,
	"hy": unicode.Armenian, "ka": unicode.Georgian, "am": unicode.Ethiopic, "ti": unicode.Ethiopic,
	"th": unicode.Thai, "lo": unicode.Lao, "km": unicode.Khmer, "my": unicode.Myanmar, "ko": unicode.Hangul,
	"zh": unicode.Han, "ja": unicode.Han, "bo": unicode.Tibetan,
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
	table := scripts[lang]
	if lang == "ja" {
		table = &unicode.RangeTable{} // checked below with kana
	}
	if table == nil {
		table = unicode.Latin
	}
	if share := scriptShare(output, lang, table); share < 0.6 {
		return violation(ReasonLanguage, "want %s, only %.0f%% of letters in its script", lang, share*100)
	}
	if table == unicode.Latin && got != "" && got == from {
		return violation(ReasonLanguage, "want %s, detected the curated text's %s", lang, got)
	}
	return nil
}

// scriptShare is the share of output's letters written in table (for Japanese: kana or Han).
func scriptShare(output, lang string, table *unicode.RangeTable) float64 {
	var letters, in int
	for _, r := range output {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(table, r) || lang == "ja" && (unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)) {
			in++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(in) / float64(letters)
}
