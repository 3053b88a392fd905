package main

import (
	"context"
	"slices"
	"time"

	"factline/adapters/cli"
	"factline/bot"
	"factline/config"
)

func cmdReport(e env, args []string) error {
	f := newFlags(e, "report", "", "Show organizers what people ask: the myths answered most, by surface and language; how\n"+
		"often no myth answered; feedback per myth; and the unanswered questions grouped by\n"+
		"similarity, biggest group first: the myths to write next.")
	sinceFlag := f.String("since", "30d", "report the last `duration` (30d, 7d, 12h)")
	format := f.String("format", "text", "output `format`: text, json or csv")
	if _, err := f.parse(args); err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "json", "csv"}, *format) {
		return usageError("unknown --format %q: use text, json or csv", *format)
	}
	since, err := config.ParseDuration(*sinceFlag)
	if err != nil || since <= 0 {
		return usageError("--since %q: use a duration such as 30d or 12h", *sinceFlag)
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	base, err := loadBase(cfg.Facts)
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, _, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	from := time.Now().UTC().Add(-since.D()).Truncate(24 * time.Hour)
	tally, err := s.Tally(ctx, from)
	if err != nil {
		return err
	}
	r := bot.BuildReport(tally, from, base)
	switch *format {
	case "json":
		return printJSON(e.stdout, r)
	case "csv":
		return cli.WriteReportCSV(e.stdout, r)
	default:
		return cli.WriteReport(e.stdout, r)
	}
}
