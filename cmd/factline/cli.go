package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"factline/bot"
	"factline/config"
	"factline/facts"
	"factline/facts/match"
)

// flags is a command's flag set plus the flags every command shares.
type flags struct {
	*flag.FlagSet
	e          env
	configPath *string
	factsDir   *string
	args       string
}

func newFlags(e env, name, args, summary string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f := &flags{FlagSet: fs, e: e, args: args}
	f.configPath = fs.String("config", "", "YAML configuration `file` (see README; environment variables override it)")
	f.factsDir = fs.String("facts", "", "fact-base `folder` replacing the built-in base")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nUsage: factline %s [flags] %s\n\nFlags:\n", summary, name, args)
		fs.PrintDefaults()
	}
	return f
}

// parse parses flags wherever they stand among the arguments ("ask TEXT --lang fr" works) and
// returns the positional arguments. After --help it returns flag.ErrHelp (exit status 0); after a
// bad flag, an exit status 2 with nothing more to print: the flag package has said what is wrong.
func (f *flags) parse(args []string) (pos []string, err error) {
	for {
		if err := f.parseOnce(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.SetOutput(f.e.stdout)
				f.Usage()
				return nil, flag.ErrHelp
			}
			f.Usage()
			return nil, exitStatus(2)
		}
		rest := f.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseOnce is the flag package's Parse without the usage it prints on --help or a bad flag
// (to standard error, both times): parse prints it where it belongs, once.
func (f *flags) parseOnce(args []string) error {
	usage := f.Usage
	f.Usage = func() {}
	defer func() { f.Usage = usage }()
	return f.Parse(args)
}

// usageError ends a command that was called wrongly: main prints the message, exit status 2.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// load reads the configuration: file, then environment, then the --facts flag.
func (f *flags) load() (config.Config, error) {
	cfg, err := config.Load(*f.configPath, f.e.getenv)
	if err != nil {
		return cfg, err
	}
	if *f.factsDir != "" {
		cfg.Facts = *f.factsDir
	}
	return cfg, nil
}

// exitError ends a command with an exit status other than 1. With a nil err there is nothing
// more to print: the command has already said why (the flag package its usage, lint its problems).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// exitStatus ends a command with status code and no message.
func exitStatus(code int) error { return &exitError{code: code} }

// printJSON prints v as the commands print JSON: indented by two spaces, with the characters
// HTML escapes (<, >, &) left as they are, since the output is read by people and programs, not
// embedded in a page.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("print JSON: %w", err)
	}
	return nil
}

// baseFS returns the fact base's files: the folder dir, or the built-in base when dir is "".
func baseFS(dir string) (fs.FS, error) {
	if dir == "" {
		return facts.Builtin(), nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("fact base: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("fact base %s: not a folder", dir)
	}
	return os.DirFS(dir), nil
}

// loadBase loads and validates the fact base in dir, or the built-in one when dir is "".
func loadBase(dir string) (*facts.Base, error) {
	fsys, err := baseFS(dir)
	if err != nil {
		return nil, err
	}
	base, err := facts.Load(fsys)
	if err != nil && dir != "" {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return base, err
}

// loadIndex loads and validates the fact base and indexes it.
func loadIndex(dir string) (*facts.Index, error) {
	base, err := loadBase(dir)
	if err != nil {
		return nil, err
	}
	return facts.NewIndex(base, match.DefaultOptions())
}

// policy copies the matching settings into the bot's policy.
func policy(cfg config.Config) bot.Policy {
	p := bot.DefaultPolicy()
	p.AbstainBelow = cfg.Match.AbstainBelow
	p.AmbiguityMargin = cfg.Match.AmbiguityMargin
	p.MaxQuestion = cfg.Match.MaxQuestion
	p.SuggestAbove = cfg.Match.SuggestAbove
	p.OverheardBelow = cfg.Match.AutoAbove
	return p
}

func newLogger(w io.Writer, cfg config.Log) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Level)) // config.Validate accepted only known levels
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// readText joins the arguments, or reads standard input when there are none and it is not a terminal.
func readText(e env, pos []string) (string, error) {
	if len(pos) > 0 {
		return strings.Join(pos, " "), nil
	}
	if f, ok := e.stdin.(*os.File); ok {
		if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice != 0 {
			return "", nil
		}
	}
	if e.stdin == nil {
		return "", nil
	}
	data, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
	return string(data), err
}
