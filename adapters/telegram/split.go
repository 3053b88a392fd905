package telegram

import (
	"html"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// messageLimit is the longest message Telegram accepts, counted after HTML parsing.
const messageLimit = 4096

// len16 is the length of HTML as Telegram counts it: in UTF-16 code units, after parsing, so tags
// count nothing and an entity one character. It expects HTML this package made (tags and entities
// well formed).
func len16(s string) int {
	n := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if j := strings.IndexByte(s[i:], '>'); j >= 0 {
				i += j + 1
				continue
			}
		case '&':
			if j := strings.IndexByte(s[i:], ';'); j >= 0 {
				n++
				i += j + 1
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += utf16.RuneLen(r)
		i += size
	}
	return n
}

// pack joins blocks (each valid HTML on its own) into as few messages as fit limit, breaking only
// between blocks, that is at paragraph boundaries. Blocks must each fit limit; plainBlocks and
// lineBlocks make sure of it.
func pack(blocks []string, limit int) []string {
	var out []string
	cur := ""
	for _, b := range blocks {
		switch {
		case cur == "":
			cur = b
		case len16(cur)+2+len16(b) <= limit:
			cur += "\n\n" + b
		default:
			out = append(out, cur)
			cur = b
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// plainBlocks escapes plain text into blocks, one per paragraph; a paragraph too long for one
// message is cut at sentence ends, else at spaces, else anywhere, before escaping, so no cut falls
// inside an entity.
func plainBlocks(text string, limit int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		for _, piece := range cut(para, limit) {
			out = append(out, html.EscapeString(piece))
		}
	}
	return out
}

// cut splits s into pieces whose escaped length fits limit.
func cut(s string, limit int) []string {
	fits := func(p string) bool { return len16(html.EscapeString(p)) <= limit }
	if fits(s) {
		return []string{s}
	}
	for _, sep := range []string{". ", " "} {
		parts := strings.SplitAfter(s, sep)
		if len(parts) < 2 {
			continue
		}
		var out []string
		cur := ""
		for _, p := range parts {
			if cur != "" && !fits(cur+p) {
				out = append(out, strings.TrimSpace(cur))
				cur = ""
			}
			cur += p
		}
		out = append(out, strings.TrimSpace(cur))
		var fixed []string
		for _, p := range out {
			if p != "" {
				fixed = append(fixed, cut(p, limit)...)
			}
		}
		return fixed
	}
	// One word longer than a message: cut by characters.
	r := []rune(s)
	n := 1
	for n < len(r) && fits(string(r[:n+1])) {
		n++
	}
	return append([]string{string(r[:n])}, cut(string(r[n:]), limit)...)
}

// lineBlocks groups lines of HTML (each valid on its own and shorter than limit) into blocks that
// fit limit, so a long list breaks between its lines.
func lineBlocks(lines []string, limit int) []string {
	var out []string
	cur := ""
	for _, l := range lines {
		if cur != "" && len16(cur)+1+len16(l) > limit {
			out = append(out, cur)
			cur = ""
		}
		if cur != "" {
			cur += "\n"
		}
		cur += l
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
