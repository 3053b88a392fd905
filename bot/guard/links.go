package guard

import (
	"regexp"
	"strings"
)

var (
	// linkPattern finds URLs with a scheme, www. addresses, and bare domains under the common
	// top-level domains ("statcan.gc.ca", "bit.ly/x"); sources are the bot's to add, never the model's.
	linkPattern  = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|int|info|io|co|ly|me|news|ca|us|uk|fr|es|de|eu|mx|be|ch|ar|au|in|ph|pk|ng)\b(?:/\S*)?`)
	emailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+`)
	// mentionPattern finds @name and @everyone pings and Discord's <@id>, <@&role>, <#channel> forms.
	mentionPattern = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_]|<[@#][!&]?\d+>`)
)

// NoLinks refuses output with a URL, a web address or an e-mail address.
func NoLinks(output string) error {
	if m := emailPattern.FindString(output); m != "" {
		return violation(ReasonLink, "e-mail address %q", m)
	}
	if m := linkPattern.FindString(output); m != "" {
		return violation(ReasonLink, "address %q", m)
	}
	return nil
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
