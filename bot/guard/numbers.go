package guard

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers refuses output that mentions a number the curated text does not.
//
// Numbers are compared by value, so a translation may regroup them ("1,890", "1 890" and "1.890"
// are the same number; "$3,874" and "3 874 $" too) or spell them out in English, French or
// Spanish ("twenty-three", "vingt-trois", "veintitrés"). Where a writing is ambiguous ("1.890"
// is 1890 in French and 1.89 in English) either reading may match. A percentage must match a
// percentage of the curated text. A number followed by a scale word ("23 billion", "23 milliards")
// matches the product, or the number and the scale word separately, so a translation may keep the
// digits and the word. Spelled-out numbers are read only in en, fr and es; other languages are
// checked on their digits (any script's digits: Arabic-Indic, Gurmukhi...).
func Numbers(output, lang, curated, curatedLang string) error {
	have := newNumberSet(scanNumbers(curated, curatedLang))
	for _, n := range scanNumbers(output, lang) {
		if !have.contains(n) {
			return violation(ReasonNumber, "%q is not in the curated text", n.text)
		}
	}
	return nil
}

// mention is one number written in a text.
type mention struct {
	text string
	// values are what the writing may mean.
	values  []float64
	percent bool
	// scale is the value of a scale word after digits ("23 milliards": 1e9), or 0.
	scale float64
}

// numberSet holds the numbers of a curated text.
type numberSet struct {
	values, percents, scales map[string]bool
}

func key(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

func newNumberSet(ms []mention) numberSet {
	s := numberSet{values: map[string]bool{}, percents: map[string]bool{}, scales: map[string]bool{}}
	for _, m := range ms {
		for _, v := range m.values {
			s.values[key(v)] = true
			if m.percent {
				s.percents[key(v)] = true
			}
			if m.scale != 0 {
				s.values[key(v*m.scale)] = true
			}
		}
		if m.scale != 0 {
			s.scales[key(m.scale)] = true
		}
	}
	return s
}

func (s numberSet) contains(m mention) bool {
	for _, v := range m.values {
		switch {
		case m.percent:
			if s.percents[key(v)] {
				return true
			}
		case m.scale != 0:
			if s.values[key(v*m.scale)] || s.values[key(v)] && s.scales[key(m.scale)] {
				return true
			}
		default:
			if s.values[key(v)] {
				return true
			}
		}
	}
	return false
}

// tok is a word, a number or a percent sign of a text.
type tok struct {
	word   string // lower case, accents kept
	digits string // the number as written, separators normalized to ',', '.' or ' '
	pct    bool
}

// scanNumbers returns the numbers written in text, reading spelled-out numbers in lang.
func scanNumbers(text, lang string) []mention {
	toks := tokens(text)
	words := numberWords[lang]
	var out []mention
	for i := 0; i < len(toks); {
		t := toks[i]
		switch {
		case t.digits != "":
			ms := digitMentions(t.digits)
			i++
			if v, n := scaleRun(toks[i:], words); n > 0 {
				ms[len(ms)-1].scale = v
				i += n
			}
			if n := percentAt(toks[i:]); n > 0 {
				ms[len(ms)-1].percent = true
				i += n
			}
			out = append(out, ms...)
		case words[fold(t.word)].kind != notNumber && words[fold(t.word)].kind != connector:
			v, n, text, ok := wordRun(toks[i:], words)
			i += max(n, 1)
			if !ok {
				continue
			}
			m := mention{text: text, values: []float64{v}}
			if n := percentAt(toks[i:]); n > 0 {
				m.percent = true
				i += n
			}
			out = append(out, m)
		default:
			i++
		}
	}
	return out
}

// percentAt returns how many tokens at the start of ts say "percent", or 0.
func percentAt(ts []tok) int {
	if len(ts) == 0 {
		return 0
	}
	if ts[0].pct || ts[0].word == "percent" || ts[0].word == "pourcent" {
		return 1
	}
	if len(ts) > 1 && slices.Contains([]string{"per", "pour", "por"}, ts[0].word) && (ts[1].word == "cent" || ts[1].word == "ciento") {
		return 2
	}
	return 0
}

// tokens splits text into words, numbers and percent signs; everything else separates them.
func tokens(text string) []tok {
	text = strings.ToLower(text)
	var out []tok
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsDigit(r):
			j, digits := scanDigits(text, i)
			out = append(out, tok{digits: digits})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(text) {
				r2, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n
			}
			out = append(out, tok{word: text[i:j]})
			i = j
		case r == '%' || r == '٪':
			out = append(out, tok{pct: true})
			i += size
		case r == '-' || r == '\'' || r == '’' || unicode.IsSpace(r) && r != '\n':
			// Hyphens join spelled-out numbers ("vingt-trois") and spaces separate words; neither
			// ends a run of number words.
			i += size
		default:
			out = append(out, tok{}) // punctuation ends a run of number words
			i += size
		}
	}
	return out
}

// scanDigits reads the number starting at text[i]: digits of any script, with ',' '.' and spaces
// (including no-break and thin spaces, and Arabic separators) between digits. It returns the end
// and the number with ASCII digits and separators.
func scanDigits(text string, i int) (int, string) {
	var b strings.Builder
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsDigit(r) {
			b.WriteByte(byte('0' + digitValue(r)))
			i += size
			continue
		}
		sep := separator(r)
		if sep == 0 {
			break
		}
		next, n := utf8.DecodeRuneInString(text[i+size:])
		if n == 0 || !unicode.IsDigit(next) {
			break
		}
		b.WriteByte(sep)
		i += size
	}
	return i, b.String()
}

func separator(r rune) byte {
	switch r {
	case ',', '٬', '،':
		return ','
	case '.', '٫':
		return '.'
	case ' ', '\u00a0', '\u202f', '\u2009', '\'':
		return ' '
	}
	return 0
}

// digitValue returns the value of a decimal digit of any script. Unicode encodes each script's
// digits as a run of ten code points from zero, and runs of runs start at a zero too.
func digitValue(r rune) int {
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return int(r-start) % 10
}

// digitMentions reads a scanned number: "1 890" and "1,890" group thousands; "1.890" may be
// 1890 or 1.89; "1,234.5" and "1.234,5" have both. Spaces that do not group thousands ("2020 184")
// separate two numbers.
func digitMentions(s string) []mention {
	parts := []string{s}
	if strings.Contains(s, " ") && !validGroups(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), true) {
		parts = strings.Split(s, " ")
	}
	var out []mention
	for _, p := range parts {
		vals := readNumber(strings.ReplaceAll(p, " ", ""))
		if vals == nil { // not a readable number: take each digit group on its own
			for _, g := range strings.FieldsFunc(p, func(r rune) bool { return r == ',' || r == '.' || r == ' ' }) {
				out = append(out, mention{text: g, values: readNumber(g)})
			}
			continue
		}
		out = append(out, mention{text: p, values: vals})
	}
	return out
}

// validGroups reports whether groups are thousands groups: 1-3 digits, then 3 digits each. The
// last group may carry a decimal part when lastFree is set.
func validGroups(groups []string, lastFree bool) bool {
	for i, g := range groups {
		if lastFree && i == len(groups)-1 && i > 0 {
			g, _, _ = strings.Cut(strings.ReplaceAll(g, ",", "."), ".")
		}
		if i == 0 && (len(g) < 1 || len(g) > 3) || i > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

// readNumber returns the values a number written with ',' and '.' may have, or nil.
func readNumber(s string) []float64 {
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	parse := func(intPart, frac string) float64 {
		v, _ := strconv.ParseFloat(intPart+"."+frac+"0", 64)
		return v
	}
	switch {
	case commas == 0 && dots == 0:
		return []float64{parse(s, "")}
	case commas > 0 && dots > 0:
		// The separator written last, once, is the decimal point; the other groups thousands.
		last := s[strings.LastIndexAny(s, ",.")]
		thousands := "."
		if last == '.' {
			thousands = ","
		}
		if strings.Count(s, string(last)) != 1 {
			return nil
		}
		intPart, frac, _ := strings.Cut(s, string(last))
		if !validGroups(strings.Split(intPart, thousands), false) {
			return nil
		}
		return []float64{parse(strings.ReplaceAll(intPart, thousands, ""), frac)}
	}
	sep := ","
	if dots > 0 {
		sep = "."
	}
	groups := strings.Split(s, sep)
	grouped := validGroups(groups, false)
	if len(groups) > 2 {
		if !grouped {
			return nil
		}
		return []float64{parse(strings.Join(groups, ""), "")}
	}
	decimal := parse(groups[0], groups[1])
	if grouped && groups[0] != "0" {
		return []float64{parse(groups[0]+groups[1], ""), decimal}
	}
	return []float64{decimal}
}
