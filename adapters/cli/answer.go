package cli

import (
	"fmt"
	"io"
	"strings"

	"factline/bot"
)

// WriteText writes what a volunteer pastes: the short rebuttal, then the sources with their
// links. Without an answer it lists the topics the fact base can answer.
func WriteText(w io.Writer, a bot.Answer) error {
	ew := &errWriter{w: w}
	writeText(ew, a)
	return ew.err
}

func writeText(w io.Writer, a bot.Answer) {
	t := textsOf(a.Words.Lang)
	if a.Input != nil && a.Input.Kind == bot.InputImage {
		fmt.Fprintf(w, "%s\n  %s\n\n", t.ReadInPicture, strings.ReplaceAll(a.Input.Text, "\n", "\n  "))
	}
	if a.Body == nil {
		if len(a.Suggestions) > 0 {
			fmt.Fprintln(w, t.Suggestions)
			for _, s := range a.Suggestions {
				fmt.Fprintf(w, "  %-24s %s\n", s.ID, s.Claim)
			}
			fmt.Fprintln(w)
			fmt.Fprintf(w, t.SuggestHint+"\n", "factline ask --myth "+a.Suggestions[0].ID)
			return
		}
		fmt.Fprintln(w, t.NoAnswer)
		fmt.Fprintln(w, "\n"+t.Topics)
		for _, tp := range a.Topics {
			fmt.Fprintf(w, "  %-24s %s\n", tp.ID, tp.Claim)
		}
		return
	}
	if a.Outcome == bot.Ambiguous && len(a.Alternatives) > 0 {
		fmt.Fprintf(w, t.NotSure+"\n\n", a.Match.Claim, a.Alternatives[0].Claim)
	}
	fmt.Fprintln(w, a.Body.Short)
	if a.Body.Paraphrased && a.Body.Original != nil {
		fmt.Fprintf(w, "\n%s\n%s\n", t.Rephrased, a.Body.Original.Short)
	}
	fmt.Fprintf(w, "\n%s:\n%s\n", a.Words.Sources, a.SourceList())
}

// WriteMarkdown writes the answer for pasting where Markdown renders (Reddit, Discourse, GitHub):
// the claim and its verdict, the full answer, and the linked sources. Every text from the fact
// base or the model is escaped, so it cannot add links or formatting of its own.
func WriteMarkdown(w io.Writer, a bot.Answer) error {
	ew := &errWriter{w: w}
	writeMarkdown(ew, a)
	return ew.err
}

func writeMarkdown(w io.Writer, a bot.Answer) {
	t, words := textsOf(a.Words.Lang), a.Words
	if a.Input != nil && a.Input.Kind == bot.InputImage {
		fmt.Fprintf(w, "*%s*\n\n> %s\n\n", mdEscape(t.ReadInPicture), strings.ReplaceAll(mdEscape(a.Input.Text), "\n", "\n> "))
	}
	if a.Body == nil {
		if len(a.Suggestions) > 0 {
			fmt.Fprintln(w, t.MdSuggestion)
			fmt.Fprintln(w)
			for _, s := range a.Suggestions {
				fmt.Fprintf(w, "- **%s**: %s (`factline ask --myth %s`)\n", mdEscape(s.Title), mdEscape(s.Claim), s.ID)
			}
			return
		}
		fmt.Fprintln(w, t.MdNoAnswer)
		fmt.Fprintln(w)
		for _, tp := range a.Topics {
			fmt.Fprintf(w, "- **%s**: %s\n", mdEscape(tp.Title), mdEscape(tp.Claim))
		}
		return
	}
	fmt.Fprintf(w, "**%s:** %s — **%s**\n\n%s\n\n", mdEscape(words.Claim), mdEscape(a.Match.Claim), mdEscape(words.VerdictLabel(a.Match.Verdict)), mdEscape(a.Body.Full))
	if a.Body.Paraphrased && a.Body.Original != nil {
		fmt.Fprintf(w, "%s\n\n> %s\n\n", t.MdRephrased, strings.ReplaceAll(mdEscape(a.Body.Original.Full), "\n", "\n> "))
	}
	fmt.Fprintf(w, "**%s**\n", mdEscape(words.Sources))
	fmt.Fprintln(w)
	for i, s := range a.Sources {
		date := ""
		if s.Date != "" {
			date = ", " + s.Date
		}
		fmt.Fprintf(w, "%d. [%s](%s), %s%s\n", i+1, mdEscape(s.Title), s.URL, mdEscape(s.Publisher), date)
	}
	fmt.Fprintf(w, "\n*%s %s.*\n", mdEscape(words.Reviewed), a.Body.Reviewed)
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)

func mdEscape(s string) string { return mdEscaper.Replace(s) }
