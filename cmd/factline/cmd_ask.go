package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"factline/adapters/cli"
	"factline/bot"
)

func cmdAsk(e env, args []string) error {
	f := newFlags(e, "ask", "TEXT...", "Answer a question or a pasted claim (or standard input) from the fact base; with --myth, print that myth's answer.")
	lang := f.String("lang", "", "answer `language` (en, fr, es...); default: the question's")
	myth := f.String("myth", "", "print the answer of the myth with this `id` (as listed by factline myths or offered as a suggestion)")
	format := f.String("format", "text", "output `format`: text (to paste), markdown, or json")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "markdown", "json"}, *format) {
		return usageError("unknown --format %q: use text, markdown or json", *format)
	}
	var text string
	if *myth == "" {
		if text, err = readText(e, pos); err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
		if strings.TrimSpace(text) == "" {
			return usageError(`nothing to check: give the claim as arguments, e.g. factline ask "they take our jobs"`)
		}
	} else if len(pos) > 0 {
		return usageError("give either a claim or --myth ID, not both")
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
	opts := bot.Options{Matcher: ix, Policy: policy(cfg), Paraphraser: model.para, Paraphrase: model.policy, Judge: model.judge, Logger: log.With("component", "bot")}
	// The imported fact-checks answer what the base does not; a store that fails to open
	// leaves ask with the base alone, as it was before any import.
	if collection, err := loadCollection(context.Background(), cfg); err != nil {
		log.Warn("answering without the imported fact-checks", "err", err)
	} else if collection != nil {
		opts.Reviews = collection
	}
	b := bot.New(opts)
	req := bot.Request{Text: text, Lang: *lang, Surface: bot.SurfaceCLI}
	var ans bot.Answer
	if *myth != "" {
		ans, err = b.Explain(context.Background(), *myth, req)
	} else {
		ans, err = b.Ask(context.Background(), req)
	}
	if be, ok := errors.AsType[*bot.Error](err); ok {
		return errors.New(be.Message) // the core's message is written for the asker
	} else if err != nil {
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
