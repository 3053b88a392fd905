package discord

import (
	"strings"
	"unicode/utf16"
)

// Discord's limits, counted in UTF-16 code units as Discord counts them.
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxEmbedTotal  = 6000
	maxLabel       = 100 // select options and their descriptions
	maxButtonLabel = 80
	maxCustomID    = 100 // a component's custom id, which Discord sends back when it is used
	maxRows        = 5   // action rows in a message
	maxButtons     = 5   // buttons in an action row
	maxLinkURL     = 512 // a link button's URL
)

// markdown escapes every character Discord's markdown gives a meaning to, and @ and <, so text
// from askers (or a model) renders as written: no formatting, masked links, quotes or mentions.
// It also escapes the colon of "://": Discord turns only a "scheme://" into a link, so a link
// pasted in a question is shown as text, never as a clickable link to the hoax it asks about.
var markdown = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`, `>`, `\>`, `<`, `\<`,
	`#`, `\#`, `-`, `\-`, `[`, `\[`, `]`, `\]`, `(`, `\(`, `)`, `\)`, `@`, `\@`, `://`, `\://`,
)

func escape(s string) string { return markdown.Replace(s) }

// ulen is the length of s as Discord measures it.
func ulen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cut returns s if it fits n units; otherwise it shortens s at a word boundary and appends tail,
// keeping the result within n. It never leaves a dangling backslash of an escape.
func cut(s string, n int, tail string) string {
	if ulen(s) <= n {
		return s
	}
	room := n - ulen(tail)
	if room <= 0 {
		return tailFit(tail, n)
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		if used+utf16.RuneLen(r) > room {
			break
		}
		used += utf16.RuneLen(r)
		b.WriteRune(r)
	}
	out := b.String()
	if i := strings.LastIndexAny(out, " \n"); i > len(out)*2/3 {
		out = out[:i]
	}
	// An odd run of trailing backslashes would escape the tail's first character.
	trailing := len(out) - len(strings.TrimRight(out, `\`))
	if trailing%2 == 1 {
		out = out[:len(out)-1]
	}
	return strings.TrimRight(out, " \n,;:") + tail
}

// tailFit shortens a tail that alone exceeds the room, by runes; it is only hit with tiny limits.
func tailFit(tail string, n int) string {
	r := []rune(tail)
	for len(r) > 0 && ulen(string(r)) > n {
		r = r[:len(r)-1]
	}
	return string(r)
}

// unwrap joins the hard-wrapped lines of each paragraph, which Discord would show as line breaks.
func unwrap(s string) string {
	paras := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n\n")
	out := paras[:0]
	for _, p := range paras {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}
