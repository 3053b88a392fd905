package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// word is one word of a text, as the meaning guards (vocabulary, names, quantities) read it.
type word struct {
	// folded is the word in lower case without accents, with look-alike letters and leetspeak
	// digits mapped to the Latin letters they imitate ("v3rm1n" and "vеrmin" with a Cyrillic е
	// are both "vermin").
	folded string
	// capital: written with a capital letter; acronym: two or more letters, all capitals.
	capital, acronym bool
	// start: the first word of a sentence, where a capital says nothing about a name.
	start bool
}

// scanWords splits text into words. Invisible characters (zero-width spaces, soft hyphens) are
// dropped first, so "ver\u200bmin" is one word; compatibility forms ("ｖｅｒｍｉｎ") become plain letters.
func scanWords(text string) []word {
	text = norm.NFKC.String(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, text))
	var out []word
	start := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', ':', ';', '\n', '•':
				start = true
			}
			i += size
			continue
		}
		j := i
		letters, digits, uppers := 0, 0, 0
		for j < len(text) {
			r2, n := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r2) && !unicode.Is(unicode.Mn, r2) {
				break
			}
			switch {
			case unicode.IsLetter(r2):
				letters++
				if unicode.IsUpper(r2) {
					uppers++
				}
			case unicode.IsDigit(r2):
				digits++
			}
			j += n
		}
		raw := text[i:j]
		i = j
		if letters == 0 {
			start = false // a number; it starts no name
			continue
		}
		first, _ := utf8.DecodeRuneInString(raw)
		out = append(out, word{
			folded:  foldWord(raw, digits > 0),
			capital: unicode.IsUpper(first),
			acronym: letters >= 2 && uppers == letters,
			start:   start,
		})
		start = false
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// leet maps the digits used for letters in words that mix both ("1mm1gr4nts").
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g'}

// lookalikes maps Cyrillic and Greek letters that look like Latin ones to those letters.
var lookalikes = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c',
	'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ɡ': 'g', 'ո': 'n',
	'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
}

// foldWord lower-cases w and strips its accents. In a word that mixes Latin letters with
// look-alikes ("vеrmin" with a Cyrillic е) the look-alikes become Latin; a word written wholly
// in Cyrillic or Greek is left alone. With mixed set (letters and digits), digits become letters.
func foldWord(w string, mixed bool) string {
	w = fold(strings.ToLower(w))
	if isASCII(w) && !mixed {
		return w
	}
	latin := strings.IndexFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
	return strings.Map(func(r rune) rune {
		if l, ok := lookalikes[r]; ok && latin {
			return l
		}
		if l, ok := leet[r]; ok && mixed {
			return l
		}
		return r
	}, w)
}

// foldedSet returns the folded words of the texts.
func foldedSet(texts ...string) map[string]bool {
	set := map[string]bool{}
	for _, t := range texts {
		for _, w := range scanWords(t) {
			set[w.folded] = true
		}
	}
	return set
}
