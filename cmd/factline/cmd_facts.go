package main

import (
	"fmt"
	"strings"
	"time"

	"factline/bot"
	"factline/config"
	"factline/facts"
	"factline/facts/match"
)

func cmdMyths(e env, args []string) error {
	f := newFlags(e, "myths", "", "List the myths the fact base answers.")
	lang := f.String("lang", facts.DefaultLang, "`language` of the titles and claims")
	if _, err := f.parse(args); err != nil {
		return err
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	base, err := loadBase(cfg.Facts)
	if err != nil {
		return err
	}
	if !base.HasLang(*lang) {
		fmt.Fprintf(e.stderr, "factline: myths: the fact base has no %q texts (it has %s); showing %s\n", *lang, strings.Join(base.Langs(), ", "), facts.DefaultLang)
	}
	for _, m := range base.Myths {
		t := m.Text(*lang)
		if _, err := fmt.Fprintf(e.stdout, "%-24s %-16s %s\n", m.ID, m.Verdict, t.Claim); err != nil {
			return err
		}
	}
	return nil
}

func cmdLint(e env, args []string) error {
	f := newFlags(e, "lint", "[DIR]", "Check a fact base (the built-in one, or DIR) for errors and warnings. Exits 1 on errors.")
	maxAge := f.String("max-review-age", "", "warn about myths reviewed longer ago than this `duration` (12mo, 365d; 0 turns the check off); default: lint.max_review_age")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError("give at most one folder")
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	if *maxAge != "" {
		d, err := config.ParseDuration(*maxAge)
		if err != nil {
			return usageError("--max-review-age: %v", err)
		}
		cfg.Lint.MaxReviewAge = d
	}
	dir := cfg.Facts
	if len(pos) == 1 {
		dir = pos[0]
	}
	fsys, err := baseFS(dir)
	if err != nil {
		return err
	}
	base, problems := facts.Lint(fsys, facts.LintOptions{MaxReviewAge: cfg.Lint.MaxReviewAge.D(), Now: time.Now(), Match: match.DefaultOptions(), AbstainBelow: cfg.Match.AbstainBelow})
	prefix := ""
	if dir != "" {
		prefix = strings.TrimSuffix(dir, "/") + "/"
	}
	errs := 0
	for _, p := range problems {
		if p.Severity == facts.Error {
			errs++
		}
		p.File = prefix + p.File
		fmt.Fprintln(e.stdout, p)
	}
	where := dir
	if where == "" {
		where = "built-in fact base"
	}
	if errs > 0 {
		fmt.Fprintf(e.stdout, "%s: %d error(s), %d warning(s)\n", where, errs, len(problems)-errs)
		return exitStatus(1) // the problems are the message
	}
	_, err = fmt.Fprintf(e.stdout, "%s: ok, %d myths in %s, %d warning(s)\n", where, len(base.Myths), strings.Join(base.Langs(), ", "), len(problems))
	return err
}

func cmdExport(e env, args []string) error {
	f := newFlags(e, "export", "claimreview", "Export the fact base as schema.org ClaimReview JSON-LD, one review per myth and language.")
	baseURL := f.String("base-url", "", "public `URL` of the published fact base; each review's url is BASE/myths/ID?lang=xx")
	org := f.String("author", "factline", "`name` of the organization publishing the reviews")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "claimreview" {
		return usageError("say what to export: factline export claimreview [--base-url URL]")
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	if *baseURL == "" {
		*baseURL = cfg.HTTP.PublicURL
	}
	base, err := loadBase(cfg.Facts)
	if err != nil {
		return err
	}
	var reviews []bot.ClaimReview
	for _, m := range base.Myths {
		for _, l := range m.Langs() {
			reviews = append(reviews, bot.NewClaimReview(base, m, l, *baseURL, *org))
		}
	}
	return printJSON(e.stdout, reviews)
}
