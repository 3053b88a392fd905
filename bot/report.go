package bot

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
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
	// Suggested counts the questions answered with suggestions only; Declined how often askers
	// said none of the suggestions was meant.
	Suggested int `json:"suggested"`
	Declined  int `json:"declined"`
	// Chosen are the questions for which askers chose a myth from the suggestions, alternatives
	// or topics offered: phrasings for the curator to add, grouped by myth and language.
	Chosen []ChosenPhrasings `json:"chosen"`
	// NoneOfThese are the questions whose askers declined every suggestion, grouped.
	NoneOfThese []QuestionGroup `json:"none_of_these"`
}

// ChosenPhrasings are the questions for which askers chose one myth, in one language: each a
// phrasing the curator may add to the myth's file, after reading it.
type ChosenPhrasings struct {
	MythID string `json:"myth"`
	Lang   string `json:"lang"`
	// File is where the phrasings go: myths/<id>/<lang>.md, under `phrasings:`.
	File string `json:"file"`
	// Questions are the distinct questions, most asked first, with how often each was asked.
	Questions []ChosenQuestion `json:"questions"`
}

// ChosenQuestion is one question of ChosenPhrasings.
type ChosenQuestion struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	// Line is the question as a line of the myth file's `phrasings:` list, quoted for YAML.
	Line string `json:"line"`
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
	r := Report{Since: since, Surfaces: []SurfaceReport{}, Myths: []MythReport{}, Chosen: []ChosenPhrasings{}}
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
		if a.Outcome == Declined { // an answer to suggestions, not a question
			r.Declined += a.Count
			continue
		}
		if a.Outcome != Chosen {
			s := surfaces[a.Surface]
			if s == nil {
				s = &SurfaceReport{Surface: a.Surface}
				surfaces[a.Surface] = s
			}
			s.Asked += a.Count
			r.Asked += a.Count
			switch a.Outcome {
			case Abstained:
				s.Abstained += a.Count
				r.Abstained += a.Count
			case Suggested:
				r.Suggested += a.Count
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
	var open, declined, chosen []UnansweredQuestion
	for _, q := range t.Unanswered {
		switch {
		case q.Chosen != "":
			chosen = append(chosen, q)
		case q.Declined:
			declined = append(declined, q)
		default:
			open = append(open, q)
		}
	}
	r.Unanswered = GroupQuestions(open, base)
	r.NoneOfThese = GroupQuestions(declined, base)
	r.Chosen = chosenPhrasings(chosen)
	return r
}

// chosenPhrasings groups the questions by the myth chosen and their language, most asked first.
func chosenPhrasings(qs []UnansweredQuestion) []ChosenPhrasings {
	type key struct{ myth, lang string }
	groups := map[key]map[string]int{}
	for _, q := range qs {
		k := key{q.Chosen, q.Lang}
		if groups[k] == nil {
			groups[k] = map[string]int{}
		}
		groups[k][strings.TrimSpace(q.Text)]++
	}
	out := make([]ChosenPhrasings, 0, len(groups))
	for k, texts := range groups {
		c := ChosenPhrasings{MythID: k.myth, Lang: k.lang, File: "myths/" + k.myth + "/" + k.lang + ".md"}
		for text, n := range texts {
			c.Questions = append(c.Questions, ChosenQuestion{Text: text, Count: n, Line: "  - " + strconv.Quote(text)})
		}
		slices.SortFunc(c.Questions, func(a, b ChosenQuestion) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
		})
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b ChosenPhrasings) int {
		return cmp.Or(cmp.Compare(len(b.Questions), len(a.Questions)), cmp.Compare(a.MythID, b.MythID), cmp.Compare(a.Lang, b.Lang))
	})
	return out
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
