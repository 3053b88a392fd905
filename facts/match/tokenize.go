package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a text before stemming.
type token struct {
	word string // folded: lower case, no accents
	num  bool   // a number, separators removed ("1,000" -> "1000")
	cap  bool   // written with a capital inside a sentence: a likely name
	tag  bool   // came from a hashtag or a mention
}

// tokenize splits normalized text into tokens. Links are dropped; hashtags and mentions are split
// on case and digit changes (#HousingCrisis -> housing crisis, @realDonaldTrump -> real donald
// trump); numbers lose their thousands separators; emoji and punctuation separate words. In
// loose mode, short words mixing letters and leet digits ("0ur", "l3s") are read as leetspeak
// too (see leetWord); tokenize reports whether it met a word that is surely leetspeak, after
// which the text is best read in loose mode.
func tokenize(s string, loose bool, emit func(token)) (leet bool) {
	sentenceStart := true
	// readLeet emits the leetspeak word starting at s[i], if there is one, and returns its end.
	// It is tried only where a word or number runs into a digit, '@', '$' or a letter, so a
	// plain word is read once.
	readLeet := func(i int, r rune) (int, bool) {
		j, w, sure := leetWord(s, i, loose)
		if w == "" {
			return i, false
		}
		leet = leet || sure
		emit(token{word: foldWord(w), cap: !sentenceStart && unicode.IsUpper(r)})
		sentenceStart = false
		return skipGluedLink(s, j), true
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isLinkAt(s, i):
			i = skipNonSpace(s, i)
		case (r == '#' || r == '@') && i+size < len(s) && isWordRune(firstRune(s[i+size:])):
			if r == '@' && loose {
				if end, ok := readLeet(i, r); ok {
					i = end
					continue
				}
			}
			j := i + size
			for j < len(s) && !gluedLink(s, j) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) && r2 != '_' {
					break
				}
				j += n
			}
			splitTag(s[i+size:j], emit)
			i = skipGluedLink(s, j)
			sentenceStart = false
		case unicode.IsLetter(r):
			j := i
			for j < len(s) && (j == i || !gluedLink(s, j)) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n
			}
			if j < len(s) && isLeetSymbol(s[j]) {
				if end, ok := readLeet(i, r); ok {
					i = end
					continue
				}
			}
			w := s[i:j]
			emit(token{word: foldWord(w), cap: !sentenceStart && unicode.IsUpper(r)})
			i = skipGluedLink(s, j)
			sentenceStart = false
		case unicode.IsDigit(r):
			j, digits := scanNumber(s, i)
			if j < len(s) && r < utf8.RuneSelf && (isLeetSymbol(s[j]) || unicode.IsLetter(firstRune(s[j:]))) {
				if end, ok := readLeet(i, r); ok {
					i = end
					continue
				}
			}
			emit(token{word: digits, num: true})
			i = j
			sentenceStart = false
		default:
			if r == '$' {
				if end, ok := readLeet(i, r); ok {
					i = end
					continue
				}
			}
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '"' || r == '“' {
				sentenceStart = true
			}
			i += size
		}
	}
	return leet
}

// isLeetSymbol reports whether c is one of leetDigits.
func isLeetSymbol(c byte) bool { return c < utf8.RuneSelf && leetDigits[c] != 0 }

// leetDigits are the digits read as letters in leetspeak ("1mm1gr4nts", "r3fug33s"); '@' and
// '$' are read as "a" and "s".
var leetDigits = [utf8.RuneSelf]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's'}

// leetWord reads a leetspeak word starting at s[i] and returns its end and its spelling with
// letters, or "" when there is none. A run of letters, digits, '@' and '$' is leetspeak when it
// has three letters or more, every other character is one of leetDigits, and one of them stands
// between letters (a leading '$' is enough: "$ocial"). So "j0bs" and "CR1M3" are words, while
// "2023", "covid19", "5pm", "1st", "T4A", "H1B" and "100km" keep their numbers, and an address
// ("info@ircc.ca") is not read as one word. In loose mode, for a text with such words, one letter
// and one leet digit anywhere are enough ("0ur", "l3s", "@1d3"); sure says the strict rule held.
func leetWord(s string, i int, loose bool) (end int, word string, sure bool) {
	c := s[i]
	if !(c >= '0' && c <= '9' || c == '$' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= utf8.RuneSelf || loose && c == '@') {
		return i, "", false
	}
	if i > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); isWordRune(p) || p == '@' || p == '$' || p == '#' {
			return i, "", false // not the start of a run
		}
	}
	j, letters, symbols, digits, inner := i, 0, 0, 0, false
	lastLetter := false    // the character before j is a letter
	pendingSymbol := false // a symbol came after a letter and no letter followed yet
	for j < len(s) && (j == i || !gluedLink(s, j)) {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			letters++
			if pendingSymbol {
				inner = true
			}
			lastLetter, pendingSymbol = true, false
		case r < utf8.RuneSelf && leetDigits[r] != 0:
			if r == '$' && j == i && symbols == 0 && j+1 < len(s) && unicode.IsLetter(firstRune(s[j+1:])) {
				inner = true // "$ocial"
			}
			symbols++
			if r >= '0' && r <= '9' {
				digits++
			}
			if lastLetter {
				pendingSymbol = true
			}
			lastLetter = false
		case r >= '0' && r <= '9':
			return i, "", false // a digit that is no letter: "b2b", "h2a"
		default:
			goto end
		}
		j += n
	}
end:
	sure = symbols > 0 && letters >= 3 && inner
	switch {
	case symbols == 0 || letters == 0 || isLinkAt(s, i):
		return i, "", false
	case !sure && !loose:
		return i, "", false
	case !sure && c == '@' && digits == 0:
		return i, "", false // a mention
	case j < len(s) && s[j] == '.' && strings.ContainsRune(s[i:j], '@'):
		return i, "", false // an e-mail address
	}
	b := []byte(s[i:j])
	for k, c := range b {
		if c < utf8.RuneSelf && leetDigits[c] != 0 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b[k] = leetDigits[c]
		}
	}
	return j, string(b), sure
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isLinkAt reports whether a URL starts at s[i]: links carry no words of the claim.
func isLinkAt(s string, i int) bool {
	switch s[i] | 0x20 { // ASCII lower case
	case 'h', 'w', 'p', 'b', 't':
	default:
		return false
	}
	if i > 0 && s[i-1] < utf8.RuneSelf && isWordRune(rune(s[i-1])) {
		return false
	}
	return hasLinkPrefix(s[i:])
}

// gluedLink reports whether a link begins at s[j] inside a word, as when a pasted tweet loses
// the space before it: "#Minecrafthttps://t.co/x", "#WW3pic.twitter.com/x".
func gluedLink(s string, j int) bool {
	switch s[j] | 0x20 {
	case 'h', 'p':
		return (strings.HasPrefix(s[j:], "http") || strings.HasPrefix(s[j:], "pic.")) && hasLinkPrefix(s[j:])
	}
	return false
}

// skipGluedLink returns the end of a link glued at s[j], or j.
func skipGluedLink(s string, j int) int {
	if j < len(s) && gluedLink(s, j) {
		return skipNonSpace(s, j)
	}
	return j
}

func hasLinkPrefix(rest string) bool {
	if len(rest) > 16 {
		rest = rest[:16]
	}
	rest = strings.ToLower(rest)
	return strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") ||
		strings.HasPrefix(rest, "www.") || strings.HasPrefix(rest, "pic.twitter.com") ||
		strings.HasPrefix(rest, "bit.ly/") || strings.HasPrefix(rest, "t.co/")
}

func skipNonSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// scanNumber reads digits with inner separators ("1,000.5", "1 000" is two numbers) and returns the
// end offset and the digits alone.
func scanNumber(s string, i int) (int, string) {
	var b strings.Builder
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			i++
		case (c == ',' || c == '.') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && b.Len() > 0:
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsDigit(r) {
				return i, b.String()
			}
			b.WriteRune(r) // other scripts' digits are kept as they are
			i += n
		}
	}
	return i, b.String()
}

// splitTag splits a hashtag or mention body on case changes, digits and underscores:
// "HousingCrisis" -> housing crisis, "COVID19" -> covid 19, "USAToday" -> usa today.
func splitTag(body string, emit func(token)) {
	rs := []rune(body)
	start := 0
	flush := func(end int) {
		if end > start {
			w := string(rs[start:end])
			emit(token{word: foldWord(w), num: unicode.IsDigit(rs[start]), tag: true})
		}
		start = end
	}
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		if r == '_' {
			flush(k)
			start = k + 1
			continue
		}
		if k == start {
			continue
		}
		p := rs[k-1]
		switch {
		case unicode.IsDigit(r) != unicode.IsDigit(p):
			flush(k)
		case unicode.IsUpper(r) && unicode.IsLower(p):
			flush(k)
		case unicode.IsUpper(r) && unicode.IsUpper(p) && k+1 < len(rs) && unicode.IsLower(rs[k+1]):
			flush(k)
		}
	}
	flush(len(rs))
}
