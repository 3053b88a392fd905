package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"factline/adapters/cli"
	"factline/bot"
	"factline/bot/reviews"
)

func cmdAsk(e env, args []string) error {
	f := newFlags(e, "ask", "TEXT...", "Answer a question or a pasted claim (or standard input) from the fact base; with --myth, print that myth's answer.")
	lang := f.String("lang", "", "answer `language` (en, fr, es...); default: the question's")
	myth := f.String("myth", "", "print the answer of the myth with this `id` (as listed by factline myths or offered as a suggestion)")
	format := f.String("format", "text", "output `format`: text (to paste), markdown, or json")
	useClaims := f.Bool("claims", true, "answer from the imported professional fact-checks when no myth does (false: skip them; a large collection takes seconds to index, at each ask that no myth answers)")
	image := f.String("image", "", "check the text of the picture in `FILE` (PNG, JPEG, WebP or GIF; - reads standard input); needs Tesseract")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "markdown", "json"}, *format) {
		return usageError("unknown --format %q: use text, markdown or json", *format)
	}
	var text string
	switch {
	case *image != "" && (*myth != "" || len(pos) > 0):
		return usageError("give either --image FILE, a claim or --myth ID")
	case *image != "":
		// The picture is read once the configuration says how large it may be.
	case *myth == "":
		if text, err = readText(e, pos); err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
		if strings.TrimSpace(text) == "" {
			return usageError(`nothing to check: give the claim as arguments, e.g. factline ask "they take our jobs"`)
		}
	case len(pos) > 0:
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
	// The imported fact-checks answer what the base does not. They are read and indexed only
	// then, when the bot first searches them: a curated answer costs nothing for them. A store
	// that fails to open is logged by the bot, which answers with the base alone.
	if *useClaims {
		opts.Reviews = reviews.NewLazy(func(ctx context.Context) (*reviews.Index, error) { return loadCollection(ctx, cfg) })
	}
	req := bot.Request{Text: text, Lang: *lang, Surface: bot.SurfaceCLI}
	var picErr error
	if *image != "" {
		if req.Picture, err = readPicture(e, *image, cfg.Pictures.MaxBytes); err != nil {
			return err
		}
		opts.Pictures, _, picErr = pictureReader(context.Background(), cfg, log.With("component", "ocr"))
	}
	b := bot.New(opts)
	var ans bot.Answer
	if *myth != "" {
		ans, err = b.Explain(context.Background(), *myth, req)
	} else {
		ans, err = b.Ask(context.Background(), req)
	}
	if be, ok := errors.AsType[*bot.Error](err); ok {
		if be.Code == bot.CodeUnavailable && picErr != nil {
			return fmt.Errorf("%s (%w)", be.Message, picErr)
		}
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

// readPicture reads the picture of `ask --image` from a file or, for "-", standard input. It
// reads one byte more than the reader accepts, so that a huge file is refused as too large
// without being read whole.
func readPicture(e env, name string, maxBytes int) ([]byte, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("read picture: %w", err)
		}
		defer f.Close()
		r = f
	} else if r == nil {
		return nil, usageError("--image -: nothing on standard input")
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("read picture %s: %w", name, err)
	}
	if len(data) == 0 {
		return nil, usageError("--image %s: the picture is empty", name)
	}
	return data, nil
}
