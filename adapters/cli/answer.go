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
	if a.Body == nil {
		fmt.Fprintln(w, "No confident answer: this does not match a claim in the fact base closely enough.")
		fmt.Fprintln(w, "\nTopics it can answer:")
		for _, t := range a.Topics {
			fmt.Fprintf(w, "  %-24s %s\n", t.ID, t.Claim)
		}
		return
	}
	if a.Outcome == bot.Ambiguous && len(a.Alternatives) > 0 {
		fmt.Fprintf(w, "(Not sure which claim this is: answering %q. If you meant %q, ask again with more words.)\n\n",
			a.Match.Claim, a.Alternatives[0].Claim)
	}
	fmt.Fprintln(w, a.Body.Short)
	if a.Body.Paraphrased && a.Body.Original != nil {
		fmt.Fprintf(w, "\n(Rephrased by AI from a reviewed answer. The reviewed text:)\n%s\n", a.Body.Original.Short)
	}
	label, ok := sourcesLabel[a.Body.Lang]
	if !ok {
		label = sourcesLabel["en"]
	}
	fmt.Fprintf(w, "\n%s:\n%s\n", label, a.SourceList())
}

// sourcesLabel heads the source list in the answer's language: the text is pasted as it is.
var sourcesLabel = map[string]string{"en": "Sources", "fr": "Sources", "es": "Fuentes"}

// WriteMarkdown writes the answer for pasting where Markdown renders (Reddit, Discourse, GitHub):
// the claim and its verdict, the full answer, and the linked sources. Every text from the fact
// base or the model is escaped, so it cannot add links or formatting of its own.
func WriteMarkdown(w io.Writer, a bot.Answer) error {
	ew := &errWriter{w: w}
	writeMarkdown(ew, a)
	return ew.err
}

func writeMarkdown(w io.Writer, a bot.Answer) {
	if a.Body == nil {
		fmt.Fprintln(w, "*No confident answer.* Topics it can answer:")
		fmt.Fprintln(w)
		for _, t := range a.Topics {
			fmt.Fprintf(w, "- **%s**: %s\n", mdEscape(t.Title), mdEscape(t.Claim))
		}
		return
	}
	fmt.Fprintf(w, "**Claim:** %s — **%s**\n\n%s\n\n", mdEscape(a.Match.Claim), a.Match.Verdict, mdEscape(a.Body.Full))
	if a.Body.Paraphrased && a.Body.Original != nil {
		fmt.Fprintf(w, "*Rephrased by AI from a reviewed answer. The reviewed text:*\n\n> %s\n\n", strings.ReplaceAll(mdEscape(a.Body.Original.Full), "\n", "\n> "))
	}
	fmt.Fprintln(w, "**Sources**")
	fmt.Fprintln(w)
	for i, s := range a.Sources {
		date := ""
		if s.Date != "" {
			date = ", " + s.Date
		}
		fmt.Fprintf(w, "%d. [%s](%s), %s%s\n", i+1, mdEscape(s.Title), s.URL, mdEscape(s.Publisher), date)
	}
	fmt.Fprintf(w, "\n*Reviewed %s.*\n", a.Body.Reviewed)
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)

func mdEscape(s string) string { return mdEscaper.Replace(s) }
