package facts

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// passageLangs are the notations a passage is read in: a source's language is not recorded, so a
// figure in a passage counts in any of them ("1,300" is 1300 in English, 1.3 in French).
var passageLangs = []string{"en", "fr", "es"}

// percentContext finds a passage about percentages or rates, whose table rows print the numbers
// bare because the unit is in a header: "Unemployment rate 14.5 14.7".
var percentContext = regexp.MustCompile(`(?i)%|\bper[\s\p{Zs}]?cent|\bpercentage|\bpour[\s\p{Zs}]cent|\bpourcentage|\bpor[\s\p{Zs}]ciento|\bporcentaje|\brates?\b|\btaux\b|\btasas?\b`)

// passageFigures reads the figures of a passage in every notation. In a passage about
// percentages or rates, a bare number also stands for the percentage it prints.
func passageFigures(quote string) []Figure {
	var fs []Figure
	for _, l := range passageLangs {
		fs = append(fs, Figures(quote, l)...)
	}
	if percentContext.MatchString(quote) {
		for _, f := range fs {
			if !f.Percent {
				f.Percent = true
				fs = append(fs, f)
			}
		}
	}
	return fs
}

// checkEvidence ties every figure of every answer to a recorded passage: each number, percentage,
// amount and year in a paragraph of the full answer must be stated, in any notation, in a passage
// of a source that the same paragraph cites; in the short answer, which cites nothing, in a
// passage of any of the myth's sources. A cited source without passages is an error too.
func checkEvidence(b *Base, ps *problems) {
	passages := map[string][]Figure{}
	figuresOf := func(id string) []Figure {
		if fs, ok := passages[id]; ok {
			return fs
		}
		var fs []Figure
		if s := b.sources[id]; s != nil {
			for _, ev := range s.Evidence {
				fs = append(fs, passageFigures(ev.Quote)...)
			}
		}
		passages[id] = fs
		return fs
	}

	cited := map[string]bool{}
	for _, m := range b.Myths {
		for _, id := range m.SourceIDs {
			cited[id] = true
		}
	}
	ids := make([]string, 0, len(cited))
	for id := range cited {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if s := b.sources[id]; s != nil && len(s.Evidence) == 0 {
			where := b.sourceLines[id]
			ps.errorf(where.file, where.line, "source %q has no evidence: quote under `evidence:` each passage the answers take from it, verbatim, with `where:` it stands", id)
		}
	}

	for _, m := range b.Myths {
		for _, l := range m.Langs() {
			t := m.Texts[l]
			file := path.Join("myths", m.ID, l+".md")
			checkFigures(ps, file, t.shortLine, fmt.Sprintf("myth %q (%s), short answer", m.ID, l), t.Short, l, m.SourceIDs, figuresOf)
			for i, para := range strings.Split(t.Full, "\n\n") {
				line := 0
				if i < len(t.paraLines) {
					line = t.paraLines[i]
				}
				var ids []string
				for _, id := range citations(para) {
					if b.sources[id] != nil {
						ids = append(ids, id)
					}
				}
				checkFigures(ps, file, line, fmt.Sprintf("myth %q (%s), paragraph %d", m.ID, l, i+1), para, l, ids, figuresOf)
			}
		}
	}
}

// checkFigures reports each figure of text that no passage of the sources ids states.
func checkFigures(ps *problems, file string, line int, what, text, lang string, ids []string, figuresOf func(string) []Figure) {
	reported := map[string]bool{}
	for _, f := range Figures(text, lang) {
		if reported[f.Text] {
			continue
		}
		supported := false
		for _, id := range ids {
			if slices.ContainsFunc(figuresOf(id), f.Same) {
				supported = true
				break
			}
		}
		if supported {
			continue
		}
		reported[f.Text] = true
		if len(ids) == 0 {
			ps.errorf(file, line, "%s states %q but cites no source: cite the source that states it", what, f.Text)
			continue
		}
		ps.errorf(file, line, "%s states %q, which no recorded passage of %s states: quote the passage that does under the source's `evidence`, or correct the figure",
			what, f.Text, "["+strings.Join(ids, "], [")+"]")
	}
}
