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
	t['ı'] = "i" // dotless i, a look-alike of i in Latin text
	return t
}

// lookalikes maps the Greek, Cyrillic and Armenian letters that look like a Latin letter to it.
// Messages write "іmmіgrаnts" with Cyrillic і and а to slip past filters; read as typed, the
// word is unknown. Upper and lower case are listed apart because they do not always look alike
// (Greek Η is an H, η an n).
var lookalikes = map[rune]rune{
	// Greek
	'Α': 'a', 'α': 'a', 'Β': 'b', 'β': 'b', 'Ε': 'e', 'ε': 'e', 'Ζ': 'z', 'Η': 'h', 'η': 'n',
	'Ι': 'i', 'ι': 'i', 'Κ': 'k', 'κ': 'k', 'Μ': 'm', 'Ν': 'n', 'ν': 'v', 'Ο': 'o', 'ο': 'o',
	'Ρ': 'p', 'ρ': 'p', 'Τ': 't', 'τ': 't', 'Υ': 'y', 'υ': 'u', 'Χ': 'x', 'χ': 'x', 'ω': 'w',
	'ϲ': 'c', 'Ϲ': 'c', 'ϳ': 'j', 'γ': 'y',
	// Cyrillic
	'А': 'a', 'а': 'a', 'В': 'b', 'в': 'b', 'Е': 'e', 'е': 'e', 'Ё': 'e', 'ё': 'e', 'К': 'k',
	'к': 'k', 'М': 'm', 'м': 'm', 'Н': 'h', 'н': 'h', 'О': 'o', 'о': 'o', 'Р': 'p', 'р': 'p',
	'С': 'c', 'с': 'c', 'Т': 't', 'т': 't', 'У': 'y', 'у': 'y', 'Х': 'x', 'х': 'x', 'Ѕ': 's',
	'ѕ': 's', 'І': 'i', 'і': 'i', 'Ї': 'i', 'ї': 'i', 'Ј': 'j', 'ј': 'j', 'Һ': 'h', 'һ': 'h',
	'ԁ': 'd', 'Ԛ': 'q', 'ԛ': 'q', 'Ԝ': 'w', 'ԝ': 'w', 'Ү': 'y', 'ү': 'y', 'Ӏ': 'l', 'ӏ': 'l',
	'Ь': 'b', 'ь': 'b', 'п': 'n', 'г': 'r',
	// Armenian
	'օ': 'o', 'ս': 'u', 'հ': 'h', 'ո': 'n',
}

// unconfuse spells with Latin letters a word made of Latin letters and look-alikes of them
// from other scripts. A word with a Greek, Cyrillic or Armenian letter that has no Latin
// look-alike is a word of that language and is left as it is.
func unconfuse(w string) (string, bool) {
	found := false
	for _, r := range w {
		if r < 0x370 || r >= 0x590 {
			continue
		}
		if _, ok := lookalikes[r]; !ok {
			if unicode.IsLetter(r) {
				return w, false
			}
			continue
		}
		found = true
	}
	if !found {
		return w, false
	}
	return strings.Map(func(r rune) rune {
		if l, ok := lookalikes[r]; ok {
			return l
		}
		return r
	}, w), true
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
	if u, ok := unconfuse(w); ok {
		w = u
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

// normalizeText makes any input safe and canonical: invalid UTF-8 is dropped, compatibility
// forms (full-width letters, ligatures, styled "𝐛𝐨𝐥𝐝" text) become plain letters, and
// characters that show nothing are removed, so that "im\u200bmigrants" is one word again.
func normalizeText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	if isASCII(s) {
		return s
	}
	if !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s) // before the removal: NFKC turns some fillers into others
	}
	if strings.IndexFunc(s, invisible) >= 0 {
		s = strings.Map(func(r rune) rune {
			if invisible(r) {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// invisible reports whether r shows nothing: a format character (zero-width space and joiners,
// soft hyphen, direction marks, byte-order mark) or another default-ignorable one (Hangul
// fillers, variation selectors). Inside a word they hide it from the matcher, not from a reader.
func invisible(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD:
		return true
	case r < 0x34F:
		return false // the accented Latin letters, by far the commonest
	}
	return unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
