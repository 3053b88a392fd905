package facts

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// linkPattern finds candidate links in a question: an http(s) URL, or a bare host with a path
// such as "www.example.com/story" (people paste links without the scheme).
var linkPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'` + "`" + `]+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>"'` + "`" + `]*`)

// trackingParams are query parameters that only say who shared a link or how it was reached; they
// never identify the article, so two links that differ only by them are the same link.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "igshid": true, "igsh": true,
	"si": true, "mc_cid": true, "mc_eid": true, "ref": true, "ref_src": true, "ref_url": true,
	"amp": true, "_gl": true, "yclid": true, "twclid": true, "ttclid": true,
}

// mobileHosts are the host prefixes of the mobile and AMP copies of a site.
var mobileHosts = []string{"www.", "amp.", "m.", "mobile."}

// NormalizeURL reduces a link to the form that identifies the page: no scheme, no `www.`, `amp.`,
// `m.` or `mobile.` host prefix, no port 80/443, no `/amp` path suffix or `.amp` extension, no
// trailing slash, no fragment, no tracking parameters (utm_*, fbclid, igshid, gclid, si,
// mc_cid/mc_eid, ref, ?amp, outputType=amp), and the other query parameters sorted, since they
// may identify the article. It reports false for anything that is not an absolute http(s) URL
// with a host. Hosts are compared in lower case; paths keep their case, which some sites use.
func NormalizeURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	// A user:password@ part is never in a news link, and "mailto:a@b.com" would read as one.
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if !strings.Contains(host, ".") {
		return "", false
	}
	for stripped := true; stripped; {
		stripped = false
		for _, p := range mobileHosts {
			// Keep at least a domain and its suffix: "m.me" stays itself.
			if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
				host, stripped = rest, true
			}
		}
	}
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	p := u.EscapedPath()
	p = strings.TrimRight(p, "/")
	for _, suffix := range []string{"/amp", ".amp"} {
		if len(p) > len(suffix) && strings.EqualFold(p[len(p)-len(suffix):], suffix) {
			p = strings.TrimRight(p[:len(p)-len(suffix)], "/")
		}
	}
	if p2, ok := strings.CutPrefix(p, "/amp/"); ok {
		p = "/" + p2
	}
	var kept []string
	for _, pair := range strings.Split(u.RawQuery, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		name = strings.ToLower(name)
		if trackingParams[name] || strings.HasPrefix(name, "utm_") || name == "outputtype" && strings.EqualFold(value, "amp") {
			continue
		}
		kept = append(kept, pair)
	}
	slices.Sort(kept)
	out := host + p
	if len(kept) > 0 {
		out += "?" + strings.Join(kept, "&")
	}
	return out, true
}

// Links returns the links in a text, in order, with the punctuation that ends a sentence or
// closes a bracket around them trimmed.
func Links(text string) []string {
	var out []string
	for _, l := range linkPattern.FindAllString(text, -1) {
		l = strings.TrimRight(l, ".,;:!?)]}»”’")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// LinkedMyth returns the myth that lists, under `urls:`, a link found in text, with that link as
// the text gave it; nil when the text holds no known hoax link. The first known link wins.
func (b *Base) LinkedMyth(text string) (*Myth, string) {
	if len(b.byURL) == 0 {
		return nil, ""
	}
	for _, l := range Links(text) {
		if n, ok := NormalizeURL(l); ok {
			if m := b.byURL[n]; m != nil {
				return m, l
			}
		}
	}
	return nil, ""
}
