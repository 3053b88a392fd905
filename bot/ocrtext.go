package bot

import (
	"regexp"
	"strings"
	"unicode"
)

// The text Tesseract reads from a meme or a screenshot is noisier than typed text: the name,
// handle and age of a post, its time and counts, the Reply / Repost / Like bar, stray symbols
// read from the picture's edges, hashtags run together, lines broken where the picture
// wrapped them. cleanPictureText keeps the words of the claim and drops the rest, before the
// text is matched, shown to the asker or stored.

var (
	// ocrHandle is a handle as OCR reads it: "@" is often read as "®" or "©".
	ocrHandle = regexp.MustCompile(`[@®©][\p{L}\p{N}_.]*[\p{L}\p{N}_]`)
	// postAge ends a post's header: the age after the handle, "· 3h", ": 15h", "* 2d", "- 18h"
	// (OCR reads the middle dot as any symbol).
	postAge = regexp.MustCompile(`(?i)(?:^|\s)[^\p{L}\p{N}\s]\s*\d{1,2}\s?(?:h|m|min|d|j|s|sem|hr|hrs)\s*$`)
	// clock is a time of day: "6:26 PM", "14h05", "10:22".
	clock = regexp.MustCompile(`(?i)\b\d{1,2}(?::\d{2}|h\d{2})\s*(?:[ap]\.?\s?m\.?)?`)
	// postDate is a post's date: "Mar 4, 2025", "4 mars 2025", "4 de marzo de 2025".
	postDate = regexp.MustCompile(`(?i)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}\s+(?:de\s+)?(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)[a-zéû]*\.?\s+(?:de\s+)?(?:19|20)\d\d)\b`)
	// count is an engagement count: "17.6K", "1,2 k", "3M", "400".
	count = regexp.MustCompile(`^\d+(?:[.,]\d+)?\s?[kKmM]?$`)
	// hashtag is a hashtag's body.
	hashtag = regexp.MustCompile(`#([\p{L}\p{N}_]+)`)
)

// chromeWords are the words of a post's action bar and counters, in the languages of the
// platforms' interfaces. A line made only of them and of counts is the bar, not the claim;
// inside a sentence ("share if you agree") they stay.
var chromeWords = map[string]bool{
	"reply": true, "replies": true, "repost": true, "reposts": true, "retweet": true, "retweets": true,
	"like": true, "likes": true, "share": true, "views": true, "view": true, "quote": true, "quotes": true,
	"bookmark": true, "bookmarks": true, "comment": true, "comments": true, "send": true, "save": true,
	"répondre": true, "repondre": true, "republier": true, "j'aime": true, "partager": true, "vues": true,
	"commenter": true, "citer": true, "responder": true, "republicar": true, "me": true, "gusta": true,
	"compartir": true, "visualizaciones": true, "vistas": true, "comentar": true, "citar": true,
	"translate": true, "post": true, "traduire": true, "traducir": true,
}

// cleanPictureText returns the text of a picture ready to match: the claim's words, one
// sentence a line.
func cleanPictureText(s string) string {
	s = normalizeOCR(s)
	var kept []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			kept = append(kept, "")
			continue
		}
		if isPostHeader(line) || isChrome(line) {
			continue
		}
		line = ocrHandle.ReplaceAllString(line, "")
		line = postDate.ReplaceAllString(line, "")
		line = clock.ReplaceAllString(line, "")
		line = hashtag.ReplaceAllStringFunc(line, func(h string) string { return splitCamel(h[1:]) })
		line = dropStrays(line)
		if line != "" {
			kept = append(kept, line)
		}
	}
	return joinBroken(kept)
}

// normalizeOCR undoes what OCR does to typography: ligatures, curly quotes, words hyphenated
// at the end of a line.
var ocrReplacer = strings.NewReplacer("ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "’", "'", "‘", "'", "“", `"`, "”", `"`, "„", `"`, "\u00a0", " ", "\r", "")

var hyphenBreak = regexp.MustCompile(`(\p{Ll})[-‐]\s*\n\s*(\p{Ll})`)

func normalizeOCR(s string) string {
	s = ocrReplacer.Replace(s)
	return hyphenBreak.ReplaceAllString(s, "$1$2")
}

// isPostHeader reports whether line is the header of a post: a name and handle followed by
// the post's age ("Patriot Dave @TrueNorthDave77 · 15h"; OCR may lose the @). It goes whole,
// the author's name with it: the name is not the claim, and it is personal data.
func isPostHeader(line string) bool {
	return postAge.MatchString(line) && len(strings.Fields(line)) <= 8
}

// isChrome reports whether line is a post's action bar or counters: nothing but chrome words,
// counts, times and dates.
func isChrome(line string) bool {
	rest := postDate.ReplaceAllString(line, " ")
	rest = clock.ReplaceAllString(rest, " ")
	words, chrome := 0, 0
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, "·•:*.-|")
		if w == "" {
			continue
		}
		words++
		if chromeWords[strings.ToLower(w)] || count.MatchString(w) {
			chrome++
		}
	}
	return chrome == words
}

// dropStrays removes the tokens that hold no letter or digit ("©", "—", "|", ">"), which OCR
// reads from the edges of shapes, and squeezes the spaces they leave.
func dropStrays(line string) string {
	var out []string
	for _, w := range strings.Fields(line) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			if w == "?" || w == "!" || w == ":" || w == "..." {
				out = append(out, w) // punctuation that carries the sentence
			}
			continue
		}
		out = append(out, fixDigitsInWord(w))
	}
	return strings.Join(out, " ")
}

// digitLetters are the digits OCR reads in place of letters that look like them.
// In capitals, 1 stands for I; in small letters, for l.
var digitLetters = map[rune]rune{'0': 'o', '1': 'l', '5': 's', '4': 'a', '3': 'e', '8': 'b'}

// fixDigitsInWord reads back as letters the digits that OCR put inside a word ("IMMIGRANT5",
// "M1LLION", "0UR"): only when the word is mostly letters, so "2025", "3h" or "COVID19" stay.
func fixDigitsInWord(w string) string {
	letters, digits := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	rs := []rune(strings.TrimRight(w, ".,;:!?\"'"))
	if digits == 0 || letters < 2 || digits*2 > letters || len(rs) >= 2 && unicode.IsDigit(rs[len(rs)-1]) && unicode.IsDigit(rs[len(rs)-2]) {
		return w // a number, or a name with one ("COVID19", "G7")
	}
	rs = []rune(w)
	upper := strings.ToUpper(w) == w
	for i, r := range rs {
		l, ok := digitLetters[r]
		if !ok {
			continue
		}
		// A digit after a letter is a misread letter; a digit that starts a word is more likely
		// a number glued to it ("3rd", "1er"), except a 0, which starts no number.
		if (i == 0 || !unicode.IsLetter(rs[i-1])) && r != '0' {
			return w
		}
		if upper {
			l = unicode.ToUpper(l)
			if r == '1' {
				l = 'I'
			}
		}
		rs[i] = l
	}
	return string(rs)
}

// splitCamel splits a hashtag's body on its case changes: "RefugeesGetMore" becomes
// "Refugees Get More"; one in a single case stays a word.
func splitCamel(s string) string {
	var b strings.Builder
	rs := []rune(strings.ReplaceAll(s, "_", " "))
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// joinBroken joins the lines the picture wrapped: a line that does not end a sentence goes
// on with the next, across the gap between a meme's top and bottom text too. Sentences keep a
// line each.
func joinBroken(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			s := b.String()
			if strings.ContainsAny(s[len(s)-1:], ".!?") {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// readableLetters counts the letters in the words of s that look like words: three letters or
// more, with a vowel. Stray strokes read from a photo or a logo make few of them.
func readableLetters(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		w = strings.Trim(w, "'")
		if len([]rune(w)) < 3 || !strings.ContainsFunc(strings.ToLower(w), isVowel) {
			continue
		}
		n += len([]rune(w))
	}
	return n
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyàâäéèêëîïôöùûüíóúáñ", r)
}
