package bot

import (
	"cmp"
	"slices"
	"time"

	"factline/facts"
)

// Report is the curator's view of what was stored: which myths people meet, where and in which
// language, how often the bot had no answer, what people thought of the answers, and the
// unanswered questions grouped into a to-do list of myths to write.
type Report struct {
	Since time.Time `json:"since"`
	// Asked counts the questions (matched, ambiguous or abstained); menu choices are not questions.
	Asked       int             `json:"asked"`
	Abstained   int             `json:"abstained"`
	AbstainRate float64         `json:"abstain_rate"`
	Surfaces    []SurfaceReport `json:"surfaces"`
	Myths       []MythReport    `json:"myths"`
	Unanswered  []QuestionGroup `json:"unanswered"`
}

// SurfaceReport is the questions and abstentions of one surface.
type SurfaceReport struct {
	Surface     Surface `json:"surface"`
	Asked       int     `json:"asked"`
	Abstained   int     `json:"abstained"`
	AbstainRate float64 `json:"abstain_rate"`
}

// MythReport is how often one myth was answered, where, in which language, and its feedback.
type MythReport struct {
	ID    string `json:"id"`
	Claim string `json:"claim,omitempty"`
	// Answered counts every answer with this myth, menu choices included.
	Answered  int             `json:"answered"`
	BySurface map[Surface]int `json:"by_surface"`
	ByLang    map[string]int  `json:"by_lang"`
	Helpful   int             `json:"helpful"`
	Unhelpful int             `json:"unhelpful"`
	// Reasons are the scrubbed reasons given with feedback, newest first.
	Reasons []string `json:"reasons"`
}

// BuildReport turns a Tally into a Report. base, when not nil, supplies the myths' claims and
// the background terms ignored when grouping questions.
func BuildReport(t Tally, since time.Time, base *facts.Base) Report {
	r := Report{Since: since, Surfaces: []SurfaceReport{}, Myths: []MythReport{}}
	myths := map[string]*MythReport{}
	myth := func(id string) *MythReport {
		if m, ok := myths[id]; ok {
			return m
		}
		m := &MythReport{ID: id, BySurface: map[Surface]int{}, ByLang: map[string]int{}, Reasons: []string{}}
		if base != nil {
			if fm := base.Myth(id); fm != nil {
				m.Claim = fm.Text(facts.DefaultLang).Claim
			}
		}
		myths[id] = m
		return m
	}
	surfaces := map[Surface]*SurfaceReport{}
	for _, a := range t.Answers {
		if a.Outcome != Chosen {
			s := surfaces[a.Surface]
			if s == nil {
				s = &SurfaceReport{Surface: a.Surface}
				surfaces[a.Surface] = s
			}
			s.Asked += a.Count
			r.Asked += a.Count
			if a.Outcome == Abstained {
				s.Abstained += a.Count
				r.Abstained += a.Count
			}
		}
		if a.MythID != "" {
			m := myth(a.MythID)
			m.Answered += a.Count
			m.BySurface[a.Surface] += a.Count
			m.ByLang[a.Lang] += a.Count
		}
	}
	r.AbstainRate = ratio(r.Abstained, r.Asked)
	for _, s := range surfaces {
		s.AbstainRate = ratio(s.Abstained, s.Asked)
		r.Surfaces = append(r.Surfaces, *s)
	}
	slices.SortFunc(r.Surfaces, func(a, b SurfaceReport) int {
		return cmp.Or(cmp.Compare(b.Asked, a.Asked), cmp.Compare(a.Surface, b.Surface))
	})
	for _, f := range t.Feedback {
		m := myth(f.MythID)
		if f.Helpful {
			m.Helpful += f.Count
		} else {
			m.Unhelpful += f.Count
		}
	}
	for _, f := range t.Reasons {
		if f.Reason != "" {
			m := myth(f.MythID)
			m.Reasons = append(m.Reasons, f.Reason)
		}
	}
	for _, m := range myths {
		r.Myths = append(r.Myths, *m)
	}
	slices.SortFunc(r.Myths, func(a, b MythReport) int {
		return cmp.Or(cmp.Compare(b.Answered, a.Answered), cmp.Compare(b.Unhelpful, a.Unhelpful), cmp.Compare(a.ID, b.ID))
	})
	r.Unanswered = GroupQuestions(t.Unanswered, base)
	return r
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
