package guard

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var (
	// linkPattern finds URLs with a scheme and www. addresses; sources are the bot's to add, never the model's.
	linkPattern  = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+`)
	emailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+`)
	// domainPattern finds anything shaped like a domain under any top-level domain ("evil-news.ru",
	// "truth.xyz", "evil.example/crime"), also with the dot hidden the way links are shared to
	// dodge filters: "evil[.]example", "evil(dot)example", "evil{.}example", an ideographic full
	// stop. The last label must be two letters or more, so decimals ("4.1") and "e.g." are not
	// domains; dotted acronyms ("U.S.", "EE.UU.") are let through by isAcronym.
	domainPattern = regexp.MustCompile(`(?i)[\p{L}\p{N}][\p{L}\p{N}-]*(?:` + hiddenDot + `[\p{L}\p{N}][\p{L}\p{N}-]*)*` + hiddenDot + `\p{L}{2,}`)
	// spelledDotPattern finds "evil dot com": a spelled-out dot only before a common top-level
	// domain, since "the dot on the map" is prose.
	spelledDotPattern = regexp.MustCompile(`(?i)\b[\p{L}\p{N}-]{2,}\s+dot\s+(?:com|org|net|gov|edu|info|io|co|ly|me|news|ca|us|uk|fr|es|de|eu|mx|ru|cn|xyz|top|site|online|example)\b`)
	// mentionPattern finds @name and @everyone pings and Discord's <@id>, <@&role>, <#channel> forms.
	mentionPattern = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_]|<[@#][!&]?\d+>`)
)

// hiddenDot is a dot between two labels of a domain: a plain or ideographic full stop, or a dot
// (or the word "dot") in brackets, which may be spaced.
const hiddenDot = `(?:[.。]|\s*[\[({]\s*(?:\.|dot)\s*[\])}]\s*)`

// NoLinks refuses output with a URL, a web address, anything shaped like a domain (plain or
// obfuscated) or an e-mail address.
func NoLinks(output string) error {
	// Full-width and other compatibility forms ("ｅｖｉｌ．ｅｘａｍｐｌｅ") become plain letters and dots.
	output = norm.NFKC.String(output)
	if m := emailPattern.FindString(output); m != "" {
		return violation(ReasonLink, "e-mail address %q", m)
	}
	if m := linkPattern.FindString(output); m != "" {
		return violation(ReasonLink, "address %q", m)
	}
	for _, m := range domainPattern.FindAllString(output, -1) {
		if !isAcronym(m) {
			return violation(ReasonLink, "domain %q", m)
		}
	}
	if m := spelledDotPattern.FindString(output); m != "" {
		return violation(ReasonLink, "domain %q", m)
	}
	return nil
}

// isAcronym reports whether a domain-shaped match is a dotted abbreviation such as "U.S" or
// "EE.UU": plain dots between labels of one or two capital letters. No top-level domain is
// written that way by a model meaning a link, and Spanish writes the United States so.
func isAcronym(m string) bool {
	for _, label := range strings.Split(m, ".") {
		if n := utf8.RuneCountInString(label); n == 0 || n > 2 {
			return false
		}
		for _, r := range label {
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// NoMentions refuses output that would ping someone: @name, @everyone, or a Discord mention.
func NoMentions(output string) error {
	if m := mentionPattern.FindString(output); m != "" {
		return violation(ReasonMention, "mention %q", strings.TrimSpace(m))
	}
	return nil
}

var citationPattern = regexp.MustCompile(`\[(\d+)\]`)

// Citations refuses output citing a source number ("[4]") that the curated text does not cite:
// the bot numbers the sources it appends, and a new number would point at the wrong one.
func Citations(output, curated string) error {
	have := map[string]bool{}
	for _, m := range citationPattern.FindAllStringSubmatch(curated, -1) {
		have[m[1]] = true
	}
	for _, m := range citationPattern.FindAllStringSubmatch(output, -1) {
		if !have[m[1]] {
			return violation(ReasonCitation, "cites %s", m[0])
		}
	}
	return nil
}

// currencies maps currency signs and words to one code, so "$", "dollars" and "dólares" agree.
var currencies = map[string]string{
	"$": "usd-or-cad", "dollar": "usd-or-cad", "dollars": "usd-or-cad", "dólar": "usd-or-cad", "dólares": "usd-or-cad", "dolar": "usd-or-cad", "dolares": "usd-or-cad",
	"€": "eur", "euro": "eur", "euros": "eur",
	"£": "gbp", "pound": "gbp", "pounds": "gbp", "livre": "gbp", "livres": "gbp", "libra": "gbp", "libras": "gbp",
	"¥": "jpy", "₹": "inr", "₱": "php", "₦": "ngn",
}

var currencyWord = regexp.MustCompile(`[$€£¥₹₱₦]|\p{L}+`)

// Currencies refuses output naming a currency the curated text does not: turning dollars into
// euros changes a fact as surely as changing the number.
func Currencies(output, curated string) error {
	have := map[string]bool{}
	for _, w := range currencyWord.FindAllString(strings.ToLower(curated), -1) {
		if c, ok := currencies[w]; ok {
			have[c] = true
		}
	}
	for _, w := range currencyWord.FindAllString(strings.ToLower(output), -1) {
		if c, ok := currencies[w]; ok && !have[c] {
			return violation(ReasonCurrency, "%q", w)
		}
	}
	return nil
}
