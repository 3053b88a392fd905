package match

import (
	"regexp"
	"strings"
)

// footerRe matches the attribution a copied tweet ends with: "— Name (@handle) January 14, 2020".
var footerRe = regexp.MustCompile(`\s[—–-]+\s*([^—–()]{0,80}?)\s*\(@(\w{1,30})\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$`)

// splitFooter separates a pasted tweet's body from its attribution footer. The author's name
// is returned apart: it often names the claim's subject ("Trump tweeted ...") but is weaker
// evidence than the body, and the date and handle are noise.
func splitFooter(s string) (body, author string) {
	if !strings.Contains(s, "(@") {
		return s, ""
	}
	m := footerRe.FindStringSubmatchIndex(s)
	if m == nil {
		return s, ""
	}
	return s[:m[0]], s[m[2]:m[3]] + " @" + s[m[4]:m[5]]
}
