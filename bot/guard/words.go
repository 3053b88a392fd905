package guard

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

type wordKind int

const (
	notNumber wordKind = iota
	// unit words add to the number being read: "twenty", "three", "cien".
	unit
	// article words are also articles or pronouns ("one", "un", "una"): they count as 1 only
	// inside a longer number ("twenty-one", "un million"), never alone.
	article
	// hundred words multiply what precedes them: "three hundred", "trois cents".
	hundred
	// scale words close a group: "thousand", "millions", "mil", "milliards".
	scale
	// connector words may join number words: "vingt et un", "treinta y tres".
	connector
)

type numberWord struct {
	kind  wordKind
	value float64
}

// numberWords are the spelled-out numbers of each language, keyed by their accent-free form.
var numberWords = map[string]map[string]numberWord{
	"en": words(map[wordKind]string{
		unit:      "zero:0 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 dozen:12",
		article:   "one:1",
		hundred:   "hundred:100 hundreds:100",
		scale:     "thousand:1e3 thousands:1e3 million:1e6 millions:1e6 billion:1e9 billions:1e9 trillion:1e12",
		connector: "and:0",
	}),
	"fr": words(map[wordKind]string{
		unit:      "zero:0 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10 onze:11 douze:12 treize:13 quatorze:14 quinze:15 seize:16 vingt:20 vingts:20 trente:30 quarante:40 cinquante:50 soixante:60 septante:70 huitante:80 octante:80 nonante:90 douzaine:12",
		article:   "un:1 une:1",
		hundred:   "cent:100 cents:100 centaine:100 centaines:100",
		scale:     "mille:1e3 milliers:1e3 million:1e6 millions:1e6 milliard:1e9 milliards:1e9 billion:1e12",
		connector: "et:0",
	}),
	"es": words(map[wordKind]string{
		unit: "cero:0 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 once:11 doce:12 trece:13 catorce:14 quince:15 dieciseis:16 diecisiete:17 dieciocho:18 diecinueve:19 " +
			"veinte:20 veintiuno:21 veintiun:21 veintiuna:21 veintidos:22 veintitres:23 veinticuatro:24 veinticinco:25 veintiseis:26 veintisiete:27 veintiocho:28 veintinueve:29 " +
			"treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80 noventa:90 cien:100 ciento:100 " +
			"doscientos:200 doscientas:200 trescientos:300 trescientas:300 cuatrocientos:400 cuatrocientas:400 quinientos:500 quinientas:500 seiscientos:600 seiscientas:600 " +
			"setecientos:700 setecientas:700 ochocientos:800 ochocientas:800 novecientos:900 novecientas:900 docena:12",
		article:   "un:1 uno:1 una:1",
		hundred:   "centenar:100 centenares:100 cientos:100",
		scale:     "mil:1e3 miles:1e3 millon:1e6 millones:1e6 millardo:1e9 millardos:1e9 billon:1e12 billones:1e12",
		connector: "y:0",
	}),
}

func words(spec map[wordKind]string) map[string]numberWord {
	out := map[string]numberWord{}
	for kind, list := range spec {
		for _, f := range strings.Fields(list) {
			w, v, _ := strings.Cut(f, ":")
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				panic("guard: bad number word " + f) // a typo in the tables above
			}
			out[w] = numberWord{kind: kind, value: n}
		}
	}
	return out
}

var accents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// fold drops accents, so "veintitrés" and "veintitres" read the same.
func fold(w string) string {
	if isASCII(w) {
		return w
	}
	s, _, err := transform.String(accents, w)
	if err != nil {
		return w
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordRun reads the spelled-out number at the start of ts. It returns its value, the tokens
// used, the words as written, and ok=false when the words are only an article ("one", "un").
func wordRun(ts []tok, words map[string]numberWord) (value float64, n int, text string, ok bool) {
	var total, current float64
	var written []string
	prev := ""
	for n < len(ts) {
		w := fold(ts[n].word)
		nw := words[w]
		if nw.kind == connector {
			// A connector belongs to the number only between two number words.
			if len(written) == 0 || n+1 >= len(ts) || words[fold(ts[n+1].word)].kind == notNumber || words[fold(ts[n+1].word)].kind == connector {
				break
			}
			written = append(written, ts[n].word)
			n++
			continue
		}
		switch nw.kind {
		case notNumber:
			return total + current, n, strings.Join(written, " "), ok
		case unit, article:
			if (w == "vingt" || w == "vingts") && prev == "quatre" {
				current += 80 - 4 // quatre-vingt is 80, not 4 + 20
			} else {
				current += nw.value
			}
			ok = ok || nw.kind == unit
		case hundred:
			current = max(current, 1) * nw.value
			ok = true
		case scale:
			if current == 0 {
				total = max(total, 1) * nw.value // "mil millones", "a million"
			} else {
				total += current * nw.value
			}
			current = 0
			ok = true
		}
		if len(written) > 0 && nw.kind == article {
			ok = true // "twenty-one", "vingt et un"
		}
		written = append(written, ts[n].word)
		prev = w
		n++
	}
	return total + current, n, strings.Join(written, " "), ok
}

// scaleRun reads the scale words after digits ("million", "mil millones") and returns their
// product and the tokens used, or 0, 0.
func scaleRun(ts []tok, words map[string]numberWord) (float64, int) {
	v, n := 1.0, 0
	for n < len(ts) {
		nw := words[fold(ts[n].word)]
		if nw.kind != scale && nw.kind != hundred {
			break
		}
		v *= nw.value
		n++
	}
	if n == 0 {
		return 0, 0
	}
	return v, n
}
