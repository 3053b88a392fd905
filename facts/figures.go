package facts

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Figure is a number stated in prose: a count, percentage, amount or year, read by value so that
// "1,300", "1 300" and "1.300" are the same figure, and "1.3 million" equals "1,300,000".
type Figure struct {
	// Text is the figure as written, e.g. "17,1 %" or "1.3 million".
	Text  string
	Value float64
	// Percent is set for "46%", "46 per cent", "46 pour cent", "46 por ciento".
	Percent bool
	// scale is the multiplier written after the number ("million": 1e6), 0 when none.
	scale float64
}

// Same reports whether f and g state the same quantity: equal values, both percentages or neither.
func (f Figure) Same(g Figure) bool {
	if f.Percent != g.Percent {
		return false
	}
	return math.Abs(f.Value-g.Value) <= 1e-9*math.Max(math.Abs(f.Value), math.Abs(g.Value))
}

// notation is how a language writes numbers.
type notation struct {
	// group lists the thousands separators; spaces (plain, no-break, narrow and thin) are always accepted.
	group string
	// decimal lists the decimal separators. A separator in both lists is a group separator when
	// exactly three digits follow it and the number began with one to three digits, else decimal.
	decimal string
	words   map[string]numberWord
}

// numberWord is a cardinal written in letters: a small value (two..ninety) or a multiplier.
type numberWord struct {
	value float64
	// mult marks multipliers: hundred (scales what precedes it) and thousand and up (close a group).
	mult bool
	// onlyBeforeMult marks "one", "un", "une", "uno", "una": articles and pronouns far more often than
	// figures, they count only in "one million", "un millón".
	onlyBeforeMult bool
}

var spaces = "\u0020\u00a0\u202f\u2009"

func words(m map[string]float64, mults map[string]float64) map[string]numberWord {
	out := map[string]numberWord{}
	for w, v := range m {
		out[w] = numberWord{value: v}
	}
	for w, v := range mults {
		out[w] = numberWord{value: v, mult: true}
	}
	return out
}

// notations holds the languages the base is written in. Number words cover the cardinals up to
// twenty, the tens and the multipliers; "neuf" is left out because in French answers it far more
// often means "new" than nine.
var notations = map[string]notation{
	"en": {group: ",", decimal: ".", words: words(map[string]float64{
		"zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
		"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90,
	}, map[string]float64{
		"hundred": 100, "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
	})},
	"fr": {group: ".", decimal: ",.", words: words(map[string]float64{
		"zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "dix": 10,
		"onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20,
		"trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	}, map[string]float64{
		"cent": 100, "cents": 100, "mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
		"billion": 1e12, "billions": 1e12,
	})},
	"es": {group: ".", decimal: ",.", words: words(map[string]float64{
		"cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
		"once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
		"dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
		"sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
	}, map[string]float64{
		"cien": 100, "ciento": 100, "mil": 1e3, "millón": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9,
		"billón": 1e12, "billones": 1e12,
	})},
}

func init() {
	for _, w := range []string{"one"} {
		notations["en"].words[w] = numberWord{value: 1, onlyBeforeMult: true}
	}
	for _, w := range []string{"un", "une"} {
		notations["fr"].words[w] = numberWord{value: 1, onlyBeforeMult: true}
	}
	for _, w := range []string{"un", "uno", "una"} {
		notations["es"].words[w] = numberWord{value: 1, onlyBeforeMult: true}
	}
}

// notationFor returns the notation of lang; a language without its own reads as English.
func notationFor(lang string) notation {
	if n, ok := notations[lang]; ok {
		return n
	}
	return notations[DefaultLang]
}

var (
	// markerPattern finds what is not prose: citation markers ([source-id], [1]) and links, whose
	// digits are ids, not figures.
	// abbrevPattern is a multiplier abbreviated after the digits: glued ("544M", "5bn", "10k"), or
	// before a currency sign as French writes it ("544 M$", "1,1 G$").
	abbrevPattern = regexp.MustCompile(`^(?:(k|M|B|bn)|[\s\p{Zs}]?(M|G)[$€])`)
	markerPattern = regexp.MustCompile(`\[[a-z0-9]+(?:-[a-z0-9]+)*\]|\]\([^)]*\)|https?://\S+`)
	// percentWords follow a number to make it a percentage.
	percentPattern = regexp.MustCompile(`^[\s\p{Zs}]*(?:%|(?i:per[\s\p{Zs}]?cent|pour[\s\p{Zs}]cent|por[\s\p{Zs}]ciento)\b)`)
	// ordinalPattern is the suffix of 44th, 1st, 2nd, 3rd, 44e, 44ème, 1er, 1re, 1ère, 44ᵉ, 44.º, 44.ª, and of decades (1990s).
	ordinalPattern = regexp.MustCompile(`^(?:ème|eme|ère|ᵉʳ|er|re|st|nd|rd|th|è|e|ᵉ|s|\.?º|\.?ª|°)`)
	// rangeJoin joins the two ends of a range: "20–25 %", "20 to 25 per cent", "del 20 al 25 %".
	rangeJoin = regexp.MustCompile(`^[\s\p{Zs}]*(?:[-–—]|to|à|a|al)[\s\p{Zs}]*$`)
	// scaleJoin joins the ends of a range whose multiplier is written once: "$16–23 billion",
	// "between 16 and 23 billion", "entre 16.000 y 23.000 millones".
	scaleJoin = regexp.MustCompile(`^[\s\p{Zs}]*(?:[-–—]|to|à|a|al|and|et|y)[\s\p{Zs}]*[$€£]?$`)
	// bothPattern is "both" said with a number word, or a reference back to two things named
	// before: "les deux", "ces deux", "los dos", "estos dos", "the two", "these two".
	bothPattern = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:les|ces|los|las|estos|estas|esos|esas|the|these|those)[\s\p{Zs}]+$`)
	// decadeWords name a decade with a tens word: "los años noventa", "les années soixante-dix".
	decadeWords = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:años|années)[\s\p{Zs}]+$`)
)

// Figures returns the figures stated in text, read with the notation of lang: its thousands and
// decimal separators, its number words and multipliers. Citation markers and links are skipped,
// and so are identifiers whose digits are not quantities (COVID-19, Bill C-12, H1N1).
func Figures(text, lang string) []Figure {
	text = markerPattern.ReplaceAllStringFunc(text, func(s string) string { return strings.Repeat(" ", len(s)) })
	n := notationFor(lang)
	var out []Figure
	// ends records where each figure ended in text, to carry a percent sign back over a range.
	var ends []int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r >= '0' && r <= '9':
			if identifierBefore(text, i) {
				i = skipWord(text, i)
				continue
			}
			f, end, ok := readDigits(text, i, n)
			if !ok {
				i = skipWord(text, i)
				continue
			}
			out, ends = appendFigure(text, out, ends, f, i, end)
			i = ends[len(ends)-1]
		case unicode.IsLetter(r):
			end := skipLetters(text, i)
			if f, fend, ok := readWords(text, i, n); ok {
				out, ends = appendFigure(text, out, ends, f, i, fend)
				end = ends[len(ends)-1]
			}
			i = end
		default:
			i += size
		}
	}
	return out
}

// appendFigure adds f, found at text[start:end], with the percent sign that may follow it; a
// percent sign also makes the start of a range a percentage ("20–25 %" states two percentages).
func appendFigure(text string, out []Figure, ends []int, f Figure, start, end int) ([]Figure, []int) {
	if k := len(out) - 1; k >= 0 && f.scale > 0 && out[k].scale == 0 && !out[k].Percent && ends[k] <= start && scaleJoin.MatchString(text[ends[k]:start]) {
		out[k].Value *= f.scale
		out[k].scale = f.scale
	}
	if m := percentPattern.FindString(text[end:]); m != "" {
		f.Percent = true
		end += len(m)
		f.Text = text[start:end]
		if k := len(out) - 1; k >= 0 && !out[k].Percent && ends[k] <= start && rangeJoin.MatchString(text[ends[k]:start]) {
			out[k].Percent = true
		}
	}
	return append(out, f), append(ends, end)
}

// identifierBefore reports whether the digits at i continue a name, as in "C-12", "COVID-19",
// "H1N1" or "abc123": a letter right before them, or a capital and a dash. "mid-2019" is a year.
func identifierBefore(text string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(text[:i])
	if unicode.IsLetter(r) {
		return true
	}
	if r == '-' {
		p, _ := utf8.DecodeLastRuneInString(text[:i-size])
		return unicode.IsUpper(p)
	}
	return false
}

func isSpace(r rune) bool { return strings.ContainsRune(spaces, r) }

// abbrevs are the values of the abbreviated multipliers of abbrevPattern.
var abbrevs = map[string]float64{"k": 1e3, "M": 1e6, "B": 1e9, "bn": 1e9, "G": 1e9}

// readDigits reads a number written with digits at i: groups, decimals, then multiplier words
// ("1.3 million", "3 mil millones") or an ordinal suffix (44th, 44e). It fails on digits glued to
// letters that are neither (3D, 1N1).
func readDigits(text string, i int, n notation) (Figure, int, bool) {
	start := i
	j := digitsEnd(text, i)
	firstLen := j - i
	var b strings.Builder
	b.WriteString(text[i:j])
	decimal, grouped := false, false
	for j < len(text) && !decimal {
		r, size := utf8.DecodeRuneInString(text[j:])
		k := digitsEnd(text, j+size)
		digits := k - (j + size)
		if digits == 0 {
			break // no digit after the separator: punctuation or the end of the number
		}
		// A thousands group is three digits after a number that began with one to three: "1,300,000",
		// "12 000"; "2019 300" is two numbers.
		canGroup := firstLen <= 3 && digits == 3
		switch {
		case isSpace(r) || strings.ContainsRune(n.group, r):
			if canGroup {
				b.WriteString(text[j+size : k])
				grouped = true
				j = k
				continue
			}
			if strings.ContainsRune(n.decimal, r) && !grouped {
				break // "4.1" in French or Spanish: a decimal point
			}
			goto done
		case !strings.ContainsRune(n.decimal, r):
			goto done
		}
		b.WriteByte('.')
		b.WriteString(text[j+size : k])
		decimal = true
		j = k
	}
done:
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return Figure{}, 0, false
	}
	end := j
	if m := ordinalPattern.FindString(text[end:]); m != "" && !letterAt(text, end+len(m)) {
		return Figure{Text: text[start : end+len(m)], Value: v}, end + len(m), true
	}
	// An abbreviated multiplier: "$544M", "$1.1B", "$5bn", "10k", "544 M$", "1,1 G$".
	if m := abbrevPattern.FindStringSubmatch(text[end:]); m != nil && !letterAt(text, end+len(m[0])) {
		mult := abbrevs[m[1]+m[2]]
		return Figure{Text: text[start : end+len(m[0])], Value: v * mult, scale: mult}, end + len(m[0]), true
	}
	if letterAt(text, end) {
		return Figure{}, 0, false
	}
	// Multiplier words: "1.3 million", "1,8 milliard", "3 mil millones". Hundreds are left out:
	// "25 cents" is an amount in cents.
	total, cur, scale := 0.0, v, 0.0
	for k := end; ; {
		w, wend := nextWord(text, k)
		nw, ok := n.words[strings.ToLower(w)]
		if !ok || !nw.mult || nw.value < 1000 {
			break
		}
		if cur == 0 {
			total *= nw.value
			scale *= nw.value
		} else {
			total += cur * nw.value
			cur = 0
			scale = nw.value
		}
		k, end = wend, wend
	}
	return Figure{Text: text[start:end], Value: total + cur, scale: scale}, end, true
}

// readWords reads a cardinal written in letters at i: "twenty-five", "trois millions",
// "quatre-vingt-dix", "vingt et un", "treinta y dos".
func readWords(text string, i int, n notation) (Figure, int, bool) {
	w, _ := nextWord(text, i)
	first, ok := n.words[strings.ToLower(w)]
	if !ok {
		return Figure{}, 0, false
	}
	// "pour cent", "por ciento" mark a percentage, not a hundred.
	if p := strings.ToLower(previousWord(text, i)); first.mult && (p == "pour" || p == "por") {
		return Figure{}, 0, false
	}
	// "les deux", "los dos", "the two" mean both: a reference back, not a figure to source.
	if first.value == 2 && !first.mult && bothPattern.MatchString(text[:i]) {
		if next := n.words[strings.ToLower(peekWord(text, skipLetters(text, i)))]; !next.mult {
			return Figure{}, 0, false
		}
	}
	total, cur := 0.0, 0.0
	counted := false // a lone multiplier ("millions of people") is not a figure
	prev, prevValue := "", 0.0
	stop := i
	for k := i; ; {
		w, wend := nextWord(text, k)
		lw := strings.ToLower(w)
		nw, ok := n.words[lw]
		if !ok {
			// Connectors inside a number: "vingt et un", "treinta y dos" after tens, "one hundred and
			// five" after hundred; elsewhere "and" joins two figures ("one million and three thousand").
			tens := prevValue >= 20 && prevValue < 100 && math.Mod(prevValue, 10) == 0
			if counted && ((lw == "et" || lw == "y") && tens || lw == "and" && prevValue == 100) {
				if next, ok := n.words[strings.ToLower(peekWord(text, wend))]; ok && !next.mult {
					k = wend
					continue
				}
			}
			break
		}
		if nw.onlyBeforeMult && !counted {
			if next := n.words[strings.ToLower(peekWord(text, wend))]; !next.mult {
				break
			}
		}
		switch {
		case (lw == "vingt" || lw == "vingts") && prev == "quatre":
			cur += 80 - 4 // quatre-vingt(s): eighty
		case !nw.mult:
			cur += nw.value
			counted = true
		case nw.value < 1000:
			cur = math.Max(cur, 1) * nw.value
			counted = true
		case cur == 0:
			total *= nw.value
		default:
			total += cur * nw.value
			cur = 0
		}
		prev, prevValue = lw, nw.value
		stop = wend
		k = wend
		// Words of one number are joined by a space or a dash: "twenty-five", "dix-sept".
		if wend < len(text) && text[wend] == '-' && letterAt(text, wend+1) {
			if _, ok := n.words[strings.ToLower(peekWord(text, wend+1))]; ok {
				k = wend + 1
			} else {
				break // "six-month": six
			}
		}
	}
	if !counted {
		return Figure{}, 0, false
	}
	v := total + cur
	if v >= 20 && v < 100 && math.Mod(v, 10) == 0 && decadeWords.MatchString(text[:i]) {
		v += 1900 // "los años noventa" are the 1990s, as "the 1990s" states 1990
	}
	return Figure{Text: text[i:stop], Value: v}, stop, true
}

// nextWord returns the run of letters starting at i or after the spaces at i, and its end.
func nextWord(text string, i int) (string, int) {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && !isSpace(r) {
			break
		}
		i += size
	}
	end := skipLetters(text, i)
	return text[i:end], end
}

func peekWord(text string, i int) string {
	w, _ := nextWord(text, i)
	return w
}

// previousWord returns the word ending before i, skipping spaces.
func previousWord(text string, i int) string {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsSpace(r) && !isSpace(r) {
			break
		}
		j -= size
	}
	start := j
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= size
	}
	return text[start:j]
}

func digitsEnd(text string, i int) int {
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	return i
}

func letterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// skipWord moves past a run of letters and digits.
func skipWord(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

func skipLetters(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	return i
}
