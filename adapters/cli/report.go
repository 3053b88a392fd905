package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"factline/bot"
)

// reportGroups caps the unanswered groups written as text; JSON and CSV have them all.
const reportGroups = 20

// WriteReport writes the curator's report for reading in a terminal: questions and abstentions
// per surface, the myths answered with their feedback, and the biggest groups of unanswered
// questions.
func WriteReport(w io.Writer, r bot.Report) error {
	ew := &errWriter{w: w}
	writeReport(ew, r)
	return ew.err
}

func writeReport(w io.Writer, r bot.Report) {
	fmt.Fprintf(w, "factline report since %s\n\n", r.Since.Format(time.DateOnly))
	fmt.Fprintf(w, "Questions: %d, no answer for %d (%s)\n", r.Asked, r.Abstained, percent(r.AbstainRate))
	for _, s := range r.Surfaces {
		fmt.Fprintf(w, "  %-10s %5d questions, no answer for %d (%s)\n", s.Surface, s.Asked, s.Abstained, percent(s.AbstainRate))
	}
	fmt.Fprintln(w, "\nMyths answered, most first:")
	if len(r.Myths) == 0 {
		fmt.Fprintln(w, "  none yet")
	}
	for _, m := range r.Myths {
		fmt.Fprintf(w, "  %-26s %5d  %s · %s · helpful %d, not helpful %d\n", m.ID, m.Answered,
			counts(m.BySurface), counts(m.ByLang), m.Helpful, m.Unhelpful)
		if m.Claim != "" {
			fmt.Fprintf(w, "      %q\n", m.Claim)
		}
		for i, reason := range m.Reasons {
			if i == 3 {
				fmt.Fprintf(w, "      ... and %d more reasons (--format json lists them)\n", len(m.Reasons)-i)
				break
			}
			fmt.Fprintf(w, "      not helpful because: %q\n", reason)
		}
	}
	if r.Suggested > 0 || r.Declined > 0 {
		fmt.Fprintf(w, "\nAnswered with suggestions only: %d; none of the suggestions meant: %d\n", r.Suggested, r.Declined)
	}
	fmt.Fprintln(w, "\nPhrasings askers chose a myth for (read each, then paste it under `phrasings:` in the file named):")
	if len(r.Chosen) == 0 {
		fmt.Fprintln(w, "  none yet")
	}
	for _, c := range r.Chosen {
		fmt.Fprintf(w, "  %s\n", c.File)
		for _, q := range c.Questions {
			fmt.Fprintf(w, "  %s   # asked %d×\n", q.Line, q.Count)
		}
	}
	writeGroups(w, "Unanswered questions, grouped: the biggest groups are the myths to write next.", r.Unanswered,
		"none kept (FACTLINE_KEEP_UNANSWERED=false, or every question was answered)")
	writeGroups(w, "Questions whose askers said none of the suggestions was meant, grouped:", r.NoneOfThese, "none")
}

func writeGroups(w io.Writer, heading string, groups []bot.QuestionGroup, none string) {
	fmt.Fprintln(w, "\n"+heading)
	if len(groups) == 0 {
		fmt.Fprintln(w, "  "+none)
	}
	for i, g := range groups {
		if i == reportGroups {
			fmt.Fprintf(w, "  ... and %d more groups (--format json or csv lists them)\n", len(groups)-i)
			break
		}
		fmt.Fprintf(w, "  %3d × %s · %s\n", g.Count, strings.Join(g.Keywords, " "), counts(g.Langs))
		for _, ex := range g.Examples {
			fmt.Fprintf(w, "      %q\n", ex)
		}
	}
}

// WriteReportCSV writes the report as one table for spreadsheets: a row per surface, myth,
// chosen phrasing and question group, with a kind column to tell them apart. Every cell is
// defused for spreadsheets (see cell): questions come from the public.
func WriteReportCSV(w io.Writer, r bot.Report) error {
	cw := csv.NewWriter(w)
	rows := [][]string{
		{"kind", "id", "count", "abstained", "helpful", "unhelpful", "by_surface", "by_lang", "text"},
		{"total", "", itoa(r.Asked), itoa(r.Abstained), "", "", "", "", ""},
	}
	for _, s := range r.Surfaces {
		rows = append(rows, []string{"surface", string(s.Surface), itoa(s.Asked), itoa(s.Abstained), "", "", "", "", ""})
	}
	for _, m := range r.Myths {
		rows = append(rows, []string{"myth", m.ID, itoa(m.Answered), "", itoa(m.Helpful), itoa(m.Unhelpful),
			counts(m.BySurface), counts(m.ByLang), strings.Join(append([]string{m.Claim}, m.Reasons...), " | ")})
	}
	for _, c := range r.Chosen {
		for _, q := range c.Questions {
			rows = append(rows, []string{"chosen", c.MythID, itoa(q.Count), "", "", "", "", c.Lang, q.Text})
		}
	}
	for _, set := range []struct {
		kind   string
		groups []bot.QuestionGroup
	}{{"unanswered", r.Unanswered}, {"none_of_these", r.NoneOfThese}} {
		for _, g := range set.groups {
			rows = append(rows, []string{set.kind, strings.Join(g.Keywords, " "), itoa(g.Count), "", "", "", "",
				counts(g.Langs), strings.Join(g.Examples, " | ")})
		}
	}
	for _, row := range rows {
		for i := range row {
			row[i] = cell(row[i])
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// cell defuses a CSV cell for spreadsheets: control characters (which can break rows or hide
// text) become spaces, and a cell that a spreadsheet would read as a formula (=, +, -, @, or a
// tab or carriage return first) gets a leading apostrophe, as OWASP advises against CSV injection.
func cell(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return ' '
		}
		return r
	}, s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

func percent(r float64) string { return strconv.FormatFloat(100*r, 'f', 1, 64) + "%" }

// counts writes a breakdown as "telegram 3, web 1", biggest first.
func counts[K ~string](m map[K]int) string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b K) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(string(a), string(b))
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		label := string(k)
		if label == "" {
			label = "?"
		}
		parts[i] = label + " " + strconv.Itoa(m[k])
	}
	return strings.Join(parts, ", ")
}
