package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinFold maps the Latin-1 Supplement and Latin Extended-A letters to their lower-case, accent-free
// spelling. It is built once from the Unicode decompositions, so "É" and "é" both become "e".
var latinFold = buildLatinFold()

func buildLatinFold() [0x180]string {
	var t [0x180]string
	for r := rune(0xC0); r < 0x180; r++ {
		var b strings.Builder
		for _, d := range norm.NFD.String(string(unicode.ToLower(r))) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
		t[r] = b.String()
	}
	t['ß'], t['æ'], t['Æ'], t['œ'], t['Œ'] = "ss", "ae", "ae", "oe", "oe"
	return t
}

// foldWord lower-cases a word and strips its accents. Users often type without accents, so the
// index and the queries both use the folded form.
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r >= 0xC0 && r < 0x180:
			b.WriteString(latinFold[r])
		case unicode.Is(unicode.Mn, r):
			// a combining accent typed separately
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// normalizeText makes any input safe and canonical: invalid UTF-8 is dropped and compatibility
// forms (full-width letters, ligatures, styled "𝐛𝐨𝐥𝐝" text) become plain letters.
func normalizeText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	if isASCII(s) || norm.NFKC.IsNormalString(s) {
		return s
	}
	return norm.NFKC.String(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
