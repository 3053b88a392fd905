package match

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// footerRe matches the attribution a copied tweet ends with: "— Name (@handle) January 14, 2020".
var footerRe = regexp.MustCompile(`\s[—–-]+\s*([^—–()]{0,80}?)\s*\(@(\w{1,30})\)\s*[A-Z][a-z]+\.? \d{1,2}, (\d{4})\s*$`)

// splitFooter separates a pasted tweet's body from its attribution footer. The author's name
// and the year are returned apart: the author often names the claim's subject ("Trump
// tweeted ...") and fact-checks often date the claim, but both are weaker evidence than the body.
func splitFooter(s string) (body, author, year string) {
	at := strings.LastIndex(s, "(@")
	if at < 0 {
		return s, "", ""
	}
	// The regular expression is tried at every position of the text, which for a pasted tweet
	// cost more than the rest of its tokenizing; it is run on the part a footer can start in.
	q := footerStart(s, at)
	m := footerRe.FindStringSubmatchIndex(s[q:])
	if m == nil {
		return s, "", ""
	}
	return s[:q+m[0]], s[q+m[2]:q+m[3]] + " @" + s[q+m[4]:q+m[5]], s[q+m[6] : q+m[7]]
}

// footerStart returns a position at or before the start of any match of footerRe, given the
// position at of the last "(@" in s: the "(@" of a match is the last one, as nothing after it
// in footerRe can be a "(". Walking back from it, a match holds spaces, up to 80 characters
// other than "—", "–", "(" and ")", spaces, dashes, and one space; taking each as far as it
// goes reaches its start or goes past it. footerRe has no anchor at its start and looks at
// nothing before it, so it finds the same match in s[footerStart(s, at):] as in s.
func footerStart(s string, at int) int {
	i := at
	back := func(ok func(r rune) bool, limit int) {
		for n := 0; i > 0 && n < limit; n++ {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if !ok(r) {
				return
			}
			i -= size
		}
	}
	space := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' } // \s
	back(space, len(s))
	back(func(r rune) bool { return r != '—' && r != '–' && r != '(' && r != ')' }, 80)
	back(space, len(s))
	back(func(r rune) bool { return r == '—' || r == '–' || r == '-' }, len(s))
	return max(0, i-1) // the one space, a byte
}

// mediaStems are the (English) stems of words naming pictures and videos. A pasted tweet with a
// picture or video link is often checked as "a photograph shows ..." or "a video shows ...".
var mediaStems = map[string]bool{"photo": true, "photograph": true, "pictur": true, "pic": true,
	"imag": true, "video": true, "footag": true, "clip": true, "meme": true}

// hasMediaLink reports whether the text links to a picture or a video.
func hasMediaLink(s string) bool {
	for _, m := range []string{"pic.twitter.com", "youtu", "/video/", "/photo/", "instagram.com", "tiktok.com"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
