package cli

import (
	"fmt"
	"io"
	"strings"

	"factline/bot"
)

// WriteText writes what a volunteer pastes: the short rebuttal, then the sources with their
// links, then, when other myths may be meant, the command that prints each. Without an answer it
// lists the topics the fact base can answer.
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
	if r := a.External; r != nil {
		writeExternalText(w, a, r)
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
	if a.Outcome == bot.Matched || a.Outcome == bot.Ambiguous {
		writeAlternatives(w, a, t)
	}
}

// writeAlternatives lists the other myths an answer may be about, one line each: the command
// that prints it, in the answer's language, then its claim as a shell comment, so the line can
// be pasted into a shell as it is.
func writeAlternatives(w io.Writer, a bot.Answer, t *texts) {
	if len(a.Alternatives) == 0 {
		return
	}
	cmds := make([]string, len(a.Alternatives))
	width := 0
	for i, alt := range a.Alternatives {
		cmds[i] = "factline ask --myth " + alt.ID
		if a.Body.Lang != "" && a.Body.Lang != bot.DefaultLang {
			cmds[i] += " --lang " + a.Body.Lang
		}
		width = max(width, len(cmds[i]))
	}
	fmt.Fprintf(w, "\n%s\n", t.NotThis)
	for i, alt := range a.Alternatives {
		fmt.Fprintf(w, "  %-*s  # %s\n", width, cmds[i], strings.Join(strings.Fields(alt.Claim), " "))
	}
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
	if r := a.External; r != nil {
		writeExternalMarkdown(w, a, r)
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

// writeExternalText writes an answer taken from someone else's review: the label that says so,
// the fixed text naming the fact-checker and its rating, the claim it reviewed with the verdict
// it maps to, and the link. No sources of ours: the review is the source.
func writeExternalText(w io.Writer, a bot.Answer, r *bot.ExternalReview) {
	words := a.Words
	fmt.Fprintln(w, words.ExternalLabel(r.Publisher))
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.Body.Short)
	fmt.Fprintf(w, "\n%s: “%s”\n%s: %s\n%s\n", words.Claim, r.Claim, words.Verdict, words.ExternalVerdictLabel(r.Verdict), r.URL)
}

// writeExternalMarkdown is writeExternalText in Markdown: every text from the review is escaped,
// and the link is the review's, made safe inside the link's parentheses.
func writeExternalMarkdown(w io.Writer, a bot.Answer, r *bot.ExternalReview) {
	words := a.Words
	fmt.Fprintf(w, "*%s*\n\n", mdEscape(words.ExternalLabel(r.Publisher)))
	fmt.Fprintf(w, "**%s:** %s — **%s**\n\n%s\n\n", mdEscape(words.Claim), mdEscape(r.Claim), mdEscape(words.ExternalVerdictLabel(r.Verdict)), mdEscape(a.Body.Full))
	site := r.Site
	if site == "" {
		site = r.Publisher
	}
	fmt.Fprintf(w, "[%s](%s)\n", mdEscape(site), linkURL(r.URL))
}

// linkURL makes a URL safe inside a Markdown link's parentheses.
var linkURL = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)

func mdEscape(s string) string { return mdEscaper.Replace(s) }
