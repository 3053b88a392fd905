package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// PostLimit is the length of a post on X or Bluesky, the tightest place volunteers reply.
const PostLimit = 280

// Post returns a reply that fits PostLimit characters: the short rebuttal and one source's link.
// The link is the first source whose URL leaves the rebuttal whole, else the shortest, with the
// rebuttal clipped: a complete argument with a lesser link beats a cut one.
func (a Answer) Post() string {
	if a.Body == nil {
		return ""
	}
	if r := a.External; r != nil {
		// Someone else's review: its text says who rated the claim how, and its link is the evidence.
		return clip(a.Body.Short, PostLimit-1-utf8.RuneCountInString(r.URL)) + "\n" + r.URL
	}
	if len(a.Sources) == 0 {
		return clip(a.Body.Short, PostLimit)
	}
	room := PostLimit - 1 - utf8.RuneCountInString(a.Body.Short) // one character for the line break
	link := a.Sources[0].URL
	for _, s := range a.Sources {
		if n := utf8.RuneCountInString(s.URL); n <= room {
			link = s.URL
			break
		}
		if n := utf8.RuneCountInString(s.URL); n < utf8.RuneCountInString(link) {
			link = s.URL
		}
	}
	return clip(a.Body.Short, PostLimit-1-utf8.RuneCountInString(link)) + "\n" + link
}

// Comment returns a reply for a comment thread: the short rebuttal and up to two sources with links.
func (a Answer) Comment() string {
	if a.Body == nil {
		return ""
	}
	if a.External != nil {
		return a.externalText()
	}
	var b strings.Builder
	b.WriteString(a.Body.Short)
	for i, s := range a.Sources {
		if i == 2 {
			break
		}
		if i == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s (%s): %s", s.Title, s.Publisher, s.URL)
	}
	return b.String()
}

// Full returns the full rebuttal followed by the numbered list of all its sources.
func (a Answer) Full() string {
	if a.Body == nil {
		return ""
	}
	if a.External != nil {
		return a.externalText()
	}
	return a.Body.Full + "\n\n" + a.SourceList()
}

// externalText is an answer from someone else's review for a comment thread: the fixed text
// naming the fact-checker and its rating, the claim it reviewed, and the link to the review.
func (a Answer) externalText() string {
	r := a.External
	return a.Body.Full + "\n\n" + a.Words.Claim + ": “" + r.Claim + "”\n" + r.URL
}

// SourceList returns the sources as numbered plain-text lines, the numbers used by the citations in Body.Full.
func (a Answer) SourceList() string {
	var b strings.Builder
	for i, s := range a.Sources {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[%d] %s. %s", i+1, s.Title, s.Publisher)
		if s.Date != "" {
			fmt.Fprintf(&b, ", %s", s.Date)
		}
		fmt.Fprintf(&b, ". %s", s.URL)
	}
	return b.String()
}

// clip shortens s to at most n characters, at a sentence end if one is late enough, else at a word, adding "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexAny(cut, ".!?"); i >= len(cut)/2 {
		return cut[:i+1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
