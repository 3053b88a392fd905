package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"factline/bot"
)

func cmdAsk(e env, args []string) int {
	f := newFlags(e, "ask", "TEXT...", "Answer a question or a pasted claim (or standard input) from the fact base.")
	lang := f.String("lang", "", "answer `language` (en, fr, es...); default: the question's")
	format := f.String("format", "text", "output `format`: text (to paste), markdown, or json")
	pos, code, ok := f.parse(args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "markdown", "json"}, *format) {
		fmt.Fprintf(e.stderr, "factline ask: unknown --format %q: use text, markdown or json\n", *format)
		return 2
	}
	text, err := readText(e, pos)
	if err != nil {
		return fail(e, fmt.Errorf("read standard input: %w", err))
	}
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(e.stderr, `factline ask: nothing to check: give the claim as arguments, e.g. factline ask "they take our jobs"`)
		return 2
	}
	cfg, err := f.load()
	if err != nil {
		return fail(e, err)
	}
	ix, err := loadIndex(cfg.Facts)
	if err != nil {
		return fail(e, err)
	}
	log := newLogger(e.stderr, cfg.Log)
	model, err := newLLM(cfg, false, log)
	if err != nil {
		return fail(e, err)
	}
	b := bot.New(bot.Options{Matcher: ix, Policy: policy(cfg), Paraphraser: model.para, Paraphrase: model.policy, Judge: model.judge, Logger: log.With("component", "bot")})
	ans, err := b.Ask(context.Background(), bot.Request{Text: text, Lang: *lang, Surface: bot.SurfaceCLI})
	if err != nil {
		return fail(e, err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(ans); err != nil {
			return fail(e, err)
		}
	case "markdown":
		writeMarkdown(e.stdout, ans)
	default:
		writeText(e.stdout, ans)
	}
	return 0
}

// writeText prints what a volunteer pastes: the short rebuttal, then the sources with their links.
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

// writeMarkdown prints the answer for pasting where Markdown renders (Reddit, Discourse, GitHub).
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
