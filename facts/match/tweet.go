package match

import (
	"regexp"
	"strings"
)

// footerRe matches the attribution a copied tweet ends with: "— Name (@handle) January 14, 2020".
var footerRe = regexp.MustCompile(`\s[—–-]+\s*([^—–()]{0,80}?)\s*\(@(\w{1,30})\)\s*[A-Z][a-z]+\.? \d{1,2}, (\d{4})\s*$`)

// splitFooter separates a pasted tweet's body from its attribution footer. The author's name
// and the year are returned apart: the author often names the claim's subject ("Trump
// tweeted ...") and fact-checks often date the claim, but both are weaker evidence than the body.
func splitFooter(s string) (body, author, year string) {
	if !strings.Contains(s, "(@") {
		return s, "", ""
	}
	m := footerRe.FindStringSubmatchIndex(s)
	if m == nil {
		return s, "", ""
	}
	return s[:m[0]], s[m[2]:m[3]] + " @" + s[m[4]:m[5]], s[m[6]:m[7]]
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
