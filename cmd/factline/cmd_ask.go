package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"factline/adapters/cli"
	"factline/bot"
)

func cmdAsk(e env, args []string) error {
	f := newFlags(e, "ask", "TEXT...", "Answer a question or a pasted claim (or standard input) from the fact base.")
	lang := f.String("lang", "", "answer `language` (en, fr, es...); default: the question's")
	format := f.String("format", "text", "output `format`: text (to paste), markdown, or json")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "markdown", "json"}, *format) {
		return usageError("unknown --format %q: use text, markdown or json", *format)
	}
	text, err := readText(e, pos)
	if err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	if strings.TrimSpace(text) == "" {
		return usageError(`nothing to check: give the claim as arguments, e.g. factline ask "they take our jobs"`)
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	ix, err := loadIndex(cfg.Facts)
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, cfg.Log)
	model, err := newLLM(cfg, false, log)
	if err != nil {
		return err
	}
	b := bot.New(bot.Options{Matcher: ix, Policy: policy(cfg), Paraphraser: model.para, Paraphrase: model.policy, Judge: model.judge, Logger: log.With("component", "bot")})
	ans, err := b.Ask(context.Background(), bot.Request{Text: text, Lang: *lang, Surface: bot.SurfaceCLI})
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return printJSON(e.stdout, ans)
	case "markdown":
		return cli.WriteMarkdown(e.stdout, ans)
	default:
		return cli.WriteText(e.stdout, ans)
	}
}
