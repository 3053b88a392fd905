package facts

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"factline/facts/match"
)

// LintOptions tune the checks that only warn.
type LintOptions struct {
	// MaxReviewAge is how old a myth's reviewed date may be before Lint warns; 0 turns the check off.
	MaxReviewAge time.Duration
	// Now is the time review ages are measured from.
	Now time.Time
	// Match configures the index used by the conflict checks.
	Match match.Options
	// AbstainBelow is the bot's abstain threshold: a phrasing that, left out, would be answered by
	// another myth at or above it is a warning (below it the bot would only abstain).
	AbstainBelow float64
}

// Lint validates a base like Load does, and adds the checks an organizer wants before publishing:
// every figure backed by a recorded passage of a source the paragraph cites, stale reviews, and
// phrasings that the matcher would attribute to another myth. The base is returned when it has no
// errors.
func Lint(fsys fs.FS, opts LintOptions) (*Base, []Problem) {
	b, ps := read(fsys)
	if len(ps.errors()) > 0 {
		return nil, ps
	}
	if opts.MaxReviewAge > 0 {
		for _, m := range b.Myths {
			if age := opts.Now.Sub(m.Reviewed); age > opts.MaxReviewAge {
				ps.warnf(path.Join("myths", m.ID, "myth.yaml"), 0, "reviewed %s, %d days ago: check the answer against its sources again and update `reviewed`",
					m.Reviewed.Format(time.DateOnly), int(age.Hours()/24))
			}
		}
	}
	checkEvidence(b, &ps)
	checkCitationOrder(b, &ps)
	if err := checkConflicts(b, opts, &ps); err != nil {
		ps.errorf("myths", 0, "conflict check failed: %v", err)
	}
	if len(ps.errors()) > 0 {
		return nil, ps
	}
	return b, ps
}

type phrasingRef struct {
	lang string
	i    int
}

// checkConflicts searches every phrasing in two ways. With the phrasing indexed, its own myth must
// come first, or another myth is a better home for it (error). With the phrasing left out, another
// myth answering it confidently means a user who words the claim this way gets the wrong rebuttal
// (warning): the myth needs more varied phrasings, or the two myths overlap.
func checkConflicts(b *Base, opts LintOptions, ps *problems) error {
	// The same index options as the bot's, so the checks see what askers will.
	mopts := mythOptions(opts.Match)
	full, err := match.Build(Documents(b), mopts)
	if err != nil {
		return err
	}
	for mi, m := range b.Myths {
		for _, l := range m.Langs() {
			file := path.Join("myths", m.ID, l+".md")
			for i, p := range m.Texts[l].Phrasings {
				if top, _ := best(full, p, l); top != "" && top != m.ID {
					ps.errorf(file, 0, "phrasing %q matches myth %q better than this one: move it there or reword it", p, top)
					continue
				}
				docs := Documents(b)
				docs[mi] = document(m, &phrasingRef{l, i})
				loo, err := match.Build(docs, mopts)
				if err != nil {
					return fmt.Errorf("leave-one-out index: %w", err)
				}
				if top, conf := best(loo, p, l); top != "" && top != m.ID && conf >= opts.AbstainBelow {
					ps.warnf(file, 0, "phrasing %q is recognised only through itself; without it the bot would answer %q (confidence %.2f): add varied phrasings or check the overlap", p, top, conf)
				}
			}
		}
	}
	return nil
}

// best returns the first result for text and its confidence.
func best(ix *match.Index, text, lang string) (string, float64) {
	if rs := ix.Search(text, lang, 1); len(rs) > 0 {
		return rs[0].ID, rs[0].Confidence
	}
	return "", 0
}

// checkCitationOrder requires myth.yaml to list the sources in the order each answer first cites
// them: citations are numbered by that list, and a reader who meets [2] before [1] wonders what
// was left out.
func checkCitationOrder(b *Base, ps *problems) {
	for _, m := range b.Myths {
		for _, l := range m.Langs() {
			order := citations(m.Texts[l].Full)
			listed := slices.DeleteFunc(slices.Clone(m.SourceIDs), func(id string) bool { return !slices.Contains(order, id) })
			if !slices.Equal(order, listed) {
				ps.errorf(path.Join("myths", m.ID, "myth.yaml"), 0, "list the sources in the order %s.md first cites them, so its citations read [1], [2]...: %s",
					l, strings.Join(order, ", "))
			}
		}
	}
}
