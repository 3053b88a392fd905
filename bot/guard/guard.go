// Package guard checks what a language model wrote from a curated answer before anyone sees it.
//
// The checks of form (numbers, links, mentions, length, language) are joined by checks of
// meaning a model cannot pass by reversing the answer: no dehumanising or slur vocabulary, no
// sentence closer to the myth than the curated answer, no name, place or quantity word the
// reviewed texts lack.
//
// Every check is a pure function of the model's text and the curated text it was given: nothing
// the model says about its own output is believed. A check returns nil or a *Violation whose
// Reason is a short code fit for a metric label. The bot uses the curated text whenever any
// check fails.
package guard

import "fmt"

// The reasons a model's text is refused, used as metric labels.
const (
	ReasonEmpty    = "empty"
	ReasonRefusal  = "refusal"
	ReasonNumber   = "invented_number"
	ReasonCurrency = "invented_currency"
	ReasonCitation = "invented_citation"
	ReasonLink     = "link"
	ReasonMention  = "mention"
	ReasonTooLong  = "too_long"
	ReasonGrowth   = "too_much_longer"
	ReasonLanguage = "wrong_language"
	// ReasonDehumanising: dehumanising or slur vocabulary (vocabulary.txt) the reviewed texts do not use.
	ReasonDehumanising = "dehumanising"
	// ReasonMyth: a sentence closer to the myth's claim than the curated answer is.
	ReasonMyth = "restates_myth"
	// ReasonNegation: a sentence that says a negated claim ("Immigrants don't pay taxes") as the
	// curated answer never does.
	ReasonNegation = "negation_flip"
	// ReasonNewName: a name, institution or place the reviewed texts do not mention.
	ReasonNewName = "new_name"
	// ReasonQuantity: a quantity word ("most", "twice", "la moitié") the reviewed texts do not use.
	ReasonQuantity = "new_quantity"
)

// Violation says why a model's text was refused.
type Violation struct {
	// Reason is one of the Reason constants.
	Reason string
	// Detail names what was found, for debug logs; it may quote the model's text, never the asker's.
	Detail string
}

func (v *Violation) Error() string { return "guard " + v.Reason + ": " + v.Detail }

func violation(reason, format string, args ...any) *Violation {
	return &Violation{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// Text is one piece of model output with the curated text it was made from.
type Text struct {
	// Output is the model's text.
	Output string
	// Lang is the language Output must be in.
	Lang string
	// Curated is the reviewed text Output replaces, in CuratedLang.
	Curated     string
	CuratedLang string
	// Evidence is the whole reviewed answer (short and full texts): the numbers, citations,
	// currencies and quantity words Output mentions must appear in it. "" means Curated.
	Evidence string
	// MaxRunes, when positive, is the most characters Output may have (280 for the short answer).
	MaxRunes int
	// MaxGrowth, when positive, is how much longer than Curated Output may be, in percent.
	MaxGrowth int
	// Reviewed is every reviewed text of the myth in every language (titles, claims, short and
	// full answers): the names, places and vocabulary groups Output uses must appear in it (its
	// quantity words, in Evidence). "" means Evidence.
	Reviewed string
	// Myth, when set, is the myth answered: no sentence of Output may be closer to its claim than
	// the closest sentence of Evidence by more than MythMargin, nor to one of its phrasings by
	// more than PhrasingMargin (see NoRestatement). Zero margins mean the defaults.
	Myth                       Myth
	MythMargin, PhrasingMargin float64
}

// Check runs every guard on t, cheapest first, and returns the first violation, or nil.
func Check(t Text) error {
	if t.Evidence == "" {
		t.Evidence = t.Curated
	}
	if t.Reviewed == "" {
		t.Reviewed = t.Evidence
	}
	if t.MythMargin <= 0 {
		t.MythMargin = DefaultMythMargin
	}
	if t.PhrasingMargin <= 0 {
		t.PhrasingMargin = DefaultPhrasingMargin
	}
	checks := []func(Text) error{
		func(t Text) error { return NotEmpty(t.Output) },
		func(t Text) error { return NotRefusal(t.Output, t.Evidence) },
		func(t Text) error { return WithinRunes(t.Output, t.MaxRunes) },
		func(t Text) error { return WithinGrowth(t.Output, t.Curated, t.MaxGrowth) },
		func(t Text) error { return NoLinks(t.Output) },
		func(t Text) error { return NoMentions(t.Output) },
		func(t Text) error { return Citations(t.Output, t.Evidence) },
		func(t Text) error { return Numbers(t.Output, t.Lang, t.Evidence, t.CuratedLang) },
		func(t Text) error { return Currencies(t.Output, t.Evidence) },
		func(t Text) error { return Language(t.Output, t.Lang, t.CuratedLang) },
		func(t Text) error { return Dehumanising(t.Output, t.Reviewed) },
		func(t Text) error { return NoNewContent(t.Output, t.Evidence, t.Reviewed) },
		func(t Text) error {
			return NoRestatement(t.Output, t.Lang, t.Evidence, t.CuratedLang, t.Myth, t.MythMargin, t.PhrasingMargin)
		},
		func(t Text) error { return NoNegationFlip(t.Output, t.Lang, t.Evidence, t.CuratedLang, t.Myth) },
	}
	for _, c := range checks {
		if err := c(t); err != nil {
			return err
		}
	}
	return nil
}
