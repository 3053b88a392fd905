package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"factline/adapters/claimreview"
	"factline/bot/reviews"
	"factline/config"
)

// claimsCommands are the subcommands of `factline claims`, which manage the imported collection
// of professional fact-checks.
func claimsCommands() []command {
	return []command{
		{"import", "import ClaimReview JSON-LD, DataFeeds or Fact Check Tools API responses (FILE... or - for standard input)", cmdClaimsImport},
		{"list", "list the imported reviews (--publisher SITE|NAME, --lang L, --before YYYY-MM-DD)", cmdClaimsList},
		{"stats", "count the imported reviews by publisher, language and verdict", cmdClaimsStats},
		{"remove", "remove the reviews of a publisher (--publisher) or published before a day (--before)", cmdClaimsRemove},
	}
}

func cmdClaims(e env, args []string) error {
	if len(args) == 0 || slices.Contains([]string{"-h", "--help", "-help", "help"}, args[0]) {
		w := e.stdout
		if len(args) == 0 {
			w = e.stderr
		}
		fmt.Fprintln(w, "Manage the collection of professional fact-checks (schema.org ClaimReview) that answers when no curated\n"+
			"myth does. It is kept in the store (SQLite, or PostgreSQL when configured), where every serve reads it.")
		fmt.Fprintln(w, "\nUsage: factline claims <command> [flags] [arguments]\n\nCommands:")
		for _, c := range claimsCommands() {
			fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
		}
		fmt.Fprintln(w, "\nRun 'factline claims <command> --help' for a command's flags.")
		if len(args) == 0 {
			return exitStatus(2)
		}
		return nil
	}
	for _, c := range claimsCommands() {
		if c.name == args[0] {
			if err := c.run(e, args[1:]); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			return nil
		}
	}
	return usageError("unknown command %q: use import, list, stats or remove", args[0])
}

// openReviews opens the configured store for the claims commands.
func openReviews(ctx context.Context, cfg config.Config) (store, error) {
	s, _, err := openStore(ctx, cfg)
	return s, err
}

func cmdClaimsImport(e env, args []string) error {
	f := newFlags(e, "claims import", "FILE...|-", "Import professional fact-checks into the store: schema.org ClaimReview JSON-LD (an object, an array, an\n"+
		"@graph, or a saved article page), a schema.org DataFeed of ClaimReview items, or responses of Google's\n"+
		"Fact Check Tools API claims:search saved as JSON. A review with the URL of a stored one replaces it.\n"+
		"Every file is read before anything is stored: a malformed file imports nothing.")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError("give the files to import, or - for standard input: factline claims import feed.json")
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	b := claimreview.NewBatch()
	for _, name := range pos {
		if err := addFile(e, b, name); err != nil {
			return err
		}
	}
	ctx := context.Background()
	s, err := openReviews(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	added, updated, err := s.SaveReviews(ctx, b.Reviews)
	if err != nil {
		return err
	}
	return printImport(e.stdout, b, len(pos), added, updated)
}

// addFile reads one file (- is standard input) into b.
func addFile(e env, b *claimreview.Batch, name string) error {
	if name == "-" {
		return b.Add("standard input", e.stdin)
	}
	file, err := os.Open(name)
	if err != nil {
		return err // *PathError names the file
	}
	defer file.Close()
	return b.Add(name, file)
}

func printImport(w io.Writer, b *claimreview.Batch, files, added, updated int) error {
	refused := 0
	for _, n := range b.Refused {
		refused += n
	}
	fmt.Fprintf(w, "Read %d reviews from %s: imported %d (%d new, %d updated)", b.Read, plural(files, "file"), added+updated, added, updated)
	if b.Duplicates > 0 {
		fmt.Fprintf(w, ", %d repeated a URL read earlier (the last one kept)", b.Duplicates)
	}
	fmt.Fprintf(w, ", refused %d.\n", refused)
	for _, reason := range []string{claimreview.NoClaim, claimreview.NoURL, claimreview.BadURL} {
		if n := b.Refused[reason]; n > 0 {
			fmt.Fprintf(w, "  refused, %s: %d\n", reason, n)
		}
	}
	if u := b.UnknownRatings(); len(u) > 0 {
		unknown := 0
		var ratings []reviews.Count
		for r, n := range u {
			unknown += n
			ratings = append(ratings, reviews.Count{Key: r, N: n})
		}
		slices.SortFunc(ratings, func(a, b reviews.Count) int { return cmp.Or(b.N-a.N, strings.Compare(a.Key, b.Key)) })
		fmt.Fprintf(w, "Unknown ratings (verdict \"other\"; see docs/ratings.md): %d\n", unknown)
		for i, r := range ratings {
			if i == 10 {
				fmt.Fprintf(w, "  … and %d more\n", len(ratings)-10)
				break
			}
			fmt.Fprintf(w, "  %q: %d\n", r.Key, r.N)
		}
	}
	return nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// filterFlags adds the flags that select reviews to f; the function it returns parses the
// arguments, which may hold nothing else, and returns the filter they select.
func filterFlags(f *flags) func(args []string) (reviews.Filter, error) {
	publisher := f.String("publisher", "", "the reviews of this publisher, by `site` (factuel.afp.com) or name (\"AFP Factuel\")")
	before := f.String("before", "", "the reviews published before this `day` (YYYY-MM-DD); undated ones are never selected")
	lang := f.String("lang", "", "the reviews in this `language` (en, fr, es...)")
	return func(args []string) (reviews.Filter, error) {
		pos, err := f.parse(args)
		if err != nil {
			return reviews.Filter{}, err
		}
		if len(pos) > 0 {
			return reviews.Filter{}, usageError("unexpected argument %q: select reviews with --publisher, --lang or --before", pos[0])
		}
		flt := reviews.Filter{Publisher: strings.TrimSpace(*publisher), Lang: strings.TrimSpace(*lang)}
		if *before != "" {
			d, err := time.Parse(time.DateOnly, *before)
			if err != nil {
				return flt, usageError("--before %q: write the day as YYYY-MM-DD", *before)
			}
			flt.Before = d
		}
		return flt, nil
	}
}

func cmdClaimsList(e env, args []string) error {
	f := newFlags(e, "claims list", "", "List the imported reviews, oldest first: review date, publisher's site, language, verdict (the\n"+
		"publisher's own rating), claim and address.")
	flt, err := filterFlags(f)(args)
	if err != nil {
		return err
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openReviews(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	rs, err := s.Reviews(ctx, flt)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s (%s)\t%s\t%s\n", cmp.Or(reviews.FormatDate(r.ReviewDate), "undated"), r.Site,
			cmp.Or(r.Lang, "?"), r.Verdict, oneLine(r.Rating, 40), oneLine(r.Claim, 90), r.URL)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stderr, "%s\n", plural(len(rs), "review"))
	return err
}

// oneLine cuts s to n characters for a listing.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func cmdClaimsStats(e env, args []string) error {
	f := newFlags(e, "claims stats", "", "Count the imported reviews by publisher, language and verdict, and say how many may answer\n"+
		"under claims.publishers and claims.max_age.")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("unexpected argument %q", pos[0])
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openReviews(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	rs, err := s.Reviews(ctx, reviews.Filter{})
	if err != nil {
		return err
	}
	st := reviews.Summarize(rs)
	w := e.stdout
	fmt.Fprintf(w, "Reviews: %d", st.Reviews)
	if !st.Oldest.IsZero() {
		fmt.Fprintf(w, ", published %s to %s", reviews.FormatDate(st.Oldest), reviews.FormatDate(st.Newest))
	}
	if st.Undated > 0 {
		fmt.Fprintf(w, ", %d undated", st.Undated)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "May answer: %d (claims.publishers: %s; claims.max_age: %s; claims.threshold: %v)\n", reviews.Usable(rs, indexOptions(cfg)...),
		cmp.Or(strings.Join(cfg.Claims.Publishers, ", "), "all"), ageText(cfg.Claims.MaxAge.D()), cfg.Claims.Threshold)
	for _, part := range []struct {
		title  string
		counts []reviews.Count
	}{{"By publisher", st.ByPublisher}, {"By language", st.ByLang}, {"By verdict", st.ByVerdict}} {
		fmt.Fprintf(w, "\n%s:\n", part.title)
		for _, c := range part.counts {
			fmt.Fprintf(w, "  %-28s %d\n", c.Key, c.N)
		}
	}
	return nil
}

func ageText(d time.Duration) string {
	if d <= 0 {
		return "no limit"
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

func cmdClaimsRemove(e env, args []string) error {
	f := newFlags(e, "claims remove", "", "Remove imported reviews: those of a publisher (--publisher), those published before a day\n"+
		"(--before), or both together. A removal without a filter is refused.")
	flt, err := filterFlags(f)(args)
	if err != nil {
		return err
	}
	if flt.Publisher == "" && flt.Before.IsZero() {
		return usageError("name a publisher (--publisher SITE) or a day (--before YYYY-MM-DD): a removal without either is refused")
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openReviews(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.RemoveReviews(ctx, flt)
	if errors.Is(err, reviews.ErrNoFilter) {
		return usageError("%v", err)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Removed %s. A running factline serve keeps them until it reloads (SIGHUP) or restarts.\n", plural(n, "review"))
	return err
}

// indexOptions copies the claims settings into the index's options.
func indexOptions(cfg config.Config) []reviews.Option {
	return []reviews.Option{
		reviews.WithThreshold(cfg.Claims.Threshold),
		reviews.WithPublishers(cfg.Claims.Publishers...),
		reviews.WithMaxAge(cfg.Claims.MaxAge.D(), nil),
	}
}
