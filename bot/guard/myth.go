package guard

import (
	"regexp"
	"strings"

	"factline/facts/match"
)

// Analyzer turns a text in lang into terms to compare by cosine. The bot passes the matcher's
// own (bot.Matcher.Terms), so "alike" means what it means when a question is matched to a myth.
type Analyzer func(text, lang string) match.Terms

// Said is one way the myth is said, in a language.
type Said struct {
	Text, Lang string
}

// Myth is what a paraphrase must not restate.
type Myth struct {
	// Claims is the myth's claim in each language of the base.
	Claims []Said
	// Phrasings are the ways people say the myth, in the output's language. Leave them out when
	// translating: the curated baseline is then in another language, and the comparison with
	// each phrasing is unfair to a faithful translation.
	Phrasings []Said
	Analyze   Analyzer
}

// The margins of NoRestatement, calibrated on bot/testdata/paraphrases.tsv (TestRedTeam logs
// the figures) and on the answers the adapters' tests accept. The sets are small: widen a margin
// rather than narrow it when a faithful paraphrase is refused.
const (
	// DefaultMythMargin is how much closer to the claim than the closest sentence of the curated
	// answer (short and full) a sentence of the model's text may be. Faithful rephrasings and
	// translations reach at most +0.04 above the curated answer; reversed answers +0.14 or more.
	DefaultMythMargin = 0.10
	// DefaultPhrasingMargin is the same for each phrasing taken alone. Phrasings are short, so a
	// short sentence on the same topic comes close to one: faithful rephrasings reach +0.14, and
	// a heading that names the question's topic ("Your rent and immigration: ...") +0.28, while
	// a reversal that avoids the claim's words ("Les immigrants commettent deux fois plus de
	// crimes", close to the phrasing "les immigrants commettent plus de crimes") reaches +0.55.
	DefaultPhrasingMargin = 0.35
)

// sentenceEnd splits text into sentences: after ., ! or ? followed by a space, and at line breaks.
// Not at a colon: "Your rent and immigration:" heading an answer is not a claim on its own.
var sentenceEnd = regexp.MustCompile(`[.!?]+["»”)\]]*\s+|\n+`)

func sentences(text string) []string {
	var out []string
	for _, s := range sentenceEnd.Split(text, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// closest returns the highest cosine of any of the sentences to any of refs, and that sentence.
func closest(ss []match.Terms, texts []string, refs []match.Terms) (float64, string) {
	best, which := 0.0, ""
	for i, s := range ss {
		for _, r := range refs {
			if l := s.Cosine(r); l > best {
				best, which = l, texts[i]
			}
		}
	}
	return best, which
}

func (m Myth) analyze(texts []string, lang string) []match.Terms {
	out := make([]match.Terms, len(texts))
	for i, t := range texts {
		out[i] = m.Analyze(t, lang)
	}
	return out
}

func (m Myth) analyzeSaid(said []Said) []match.Terms {
	out := make([]match.Terms, len(said))
	for i, s := range said {
		out[i] = m.Analyze(s.Text, s.Lang)
	}
	return out
}

// Closeness is how much closer to the myth a text is than the curated answer: Claim for the
// claim, Phrasing for the phrasing where the gap is widest. Positive means closer than the
// curated answer's closest sentence.
type Closeness struct {
	Claim, Phrasing float64
	// Sentence is the sentence of the text that came closest to the claim, and PhrasingSentence
	// the one that came closest to the phrasing of Phrasing, which is Said.
	Sentence, PhrasingSentence string
	Said                       Said
}

// MythCloseness measures output against m, with evidence (the curated short and full texts, in
// evidenceLang) as the baseline.
func MythCloseness(output, lang, evidence, evidenceLang string, m Myth) Closeness {
	outText, evText := sentences(output), sentences(evidence)
	out, ev := m.analyze(outText, lang), m.analyze(evText, evidenceLang)
	claims := m.analyzeSaid(m.Claims)
	o, sentence := closest(out, outText, claims)
	base, _ := closest(ev, evText, claims)
	c := Closeness{Claim: o - base, Sentence: sentence, Phrasing: -1}
	for i, p := range m.analyzeSaid(m.Phrasings) {
		one := []match.Terms{p}
		o, sentence := closest(out, outText, one)
		base, _ := closest(ev, evText, one)
		if o-base > c.Phrasing {
			c.Phrasing, c.PhrasingSentence, c.Said = o-base, sentence, m.Phrasings[i]
		}
	}
	return c
}

// NoRestatement refuses output that says the myth rather than rebutting it: when one of its
// sentences is closer to the myth's claim than any sentence of the curated answer (evidence, the
// short and full texts) is, by more than margin; or closer to one of its phrasings by more than
// phrasingMargin. A model that reverses an answer ("Immigrants are criminals. The data is clear:
// newcomers bring crime") has to say the myth to do it; a faithful rephrasing stays as far from
// it as the curated answer does. The curated answer is the baseline, not a fixed threshold,
// because some rebuttals open by naming the claim. A zero Myth turns the check off.
func NoRestatement(output, lang, evidence, evidenceLang string, m Myth, margin, phrasingMargin float64) error {
	if m.Analyze == nil {
		return nil
	}
	c := MythCloseness(output, lang, evidence, evidenceLang, m)
	if c.Claim > margin {
		return violation(ReasonMyth, "%+.2f closer to the claim than the curated answer: %q", c.Claim, c.Sentence)
	}
	if c.Phrasing > phrasingMargin {
		return violation(ReasonMyth, "%+.2f closer to %q than the curated answer: %q", c.Phrasing, c.Said.Text, c.PhrasingSentence)
	}
	return nil
}
