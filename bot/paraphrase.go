package bot

import (
	"context"
	"errors"
	"strings"
	"unicode"

	"factline/bot/guard"
	"factline/facts"
)

// ParaphraseRequest is everything that may be sent to a language model: curated text, languages,
// and (when allowed) the question. It never carries who asked or where.
type ParaphraseRequest struct {
	MythID string
	// ContentHash changes whenever the myth's files change; caches key on it.
	ContentHash string
	// Lang is the language wanted; SourceLang the language of Short and Full.
	Lang       string
	SourceLang string
	Short      string
	Full       string
	// Question is the asker's text, or "" when it must not be sent.
	Question string
}

// Paraphrase is a model's version of a curated answer.
type Paraphrase struct {
	Short string
	Full  string
}

// Paraphraser rephrases or translates curated answers. It is optional; adapters/openai implements it.
//
// Its output is never trusted: the bot checks it with the guards of package guard. An error may
// implement FallbackReason() string to name the failure ("rate_limited", "server_error") in the
// fallback metric; a context deadline is reported as "timeout".
type Paraphraser interface {
	Paraphrase(ctx context.Context, req ParaphraseRequest) (Paraphrase, error)
}

// LLMMode says when the Paraphraser is asked.
type LLMMode string

// The modes of the Paraphraser.
const (
	// LLMOff never asks the model.
	LLMOff LLMMode = "off"
	// LLMTranslate asks only for languages the fact base lacks, and never sends the question.
	LLMTranslate LLMMode = "translate"
	// LLMRephrase adapts every answer to the question (when it may be sent) and translates.
	LLMRephrase LLMMode = "rephrase"
)

// ParaphrasePolicy configures what the Paraphraser may do. The zero value rephrases without
// sending the question, allows 50% growth and caches 1024 answers.
type ParaphrasePolicy struct {
	// Mode is LLMOff, LLMTranslate or LLMRephrase; "" means LLMRephrase.
	Mode LLMMode
	// SendQuestion lets the asker's text go to the model in LLMRephrase mode.
	SendQuestion bool
	// MaxGrowth is how much longer than the curated text a paraphrase may be, in percent.
	MaxGrowth int
	// CacheSize bounds the paraphrases kept in memory.
	CacheSize int
	// MythMargin is how much closer to the myth's claim than the curated answer a sentence of a
	// paraphrase may be (see guard.NoRestatement); 0 means guard.DefaultMythMargin.
	MythMargin float64
}

// DefaultMaxGrowth is the growth allowed by default: enough for French or Spanish, which run
// 15-30% longer than English, and for adapting the opening to the question, not for a new paragraph.
const DefaultMaxGrowth = 50

func (p ParaphrasePolicy) withDefaults() ParaphrasePolicy {
	if p.Mode == "" {
		p.Mode = LLMRephrase
	}
	if p.MaxGrowth <= 0 {
		p.MaxGrowth = DefaultMaxGrowth
	}
	if p.CacheSize <= 0 {
		p.CacheSize = 1024
	}

	return p
}

// rephrase lets the Paraphraser, if any, adapt the curated answer in ans to lang and to the
// question. Whatever goes wrong, ans keeps the curated text and the asker sees no error.
func (b *Bot) rephrase(ctx context.Context, req Request, m *facts.Myth, lang string, ans *Answer) {
	pol := b.paraPol
	if b.para == nil || ans.Body == nil || pol.Mode == LLMOff {
		return
	}
	body := ans.Body
	translate := body.Lang != lang
	question := ""
	if pol.Mode == LLMRephrase && pol.SendQuestion {
		// Scrubbed like a stored question: a pasted message can carry handles, e-mail addresses
		// and phone numbers, and nothing that identifies anyone goes to the model.
		question = Scrub(strings.TrimSpace(req.Text))
	}
	if !translate && (pol.Mode == LLMTranslate || question == "") {
		return // the curated text is already in lang, and there is no question to adapt it to
	}
	key := paraKey{myth: m.ID, hash: m.Hash, lang: lang, mode: pol.Mode, question: normalizeQuestion(question)}
	p, cached := b.paraLRU.get(key)
	if !cached {
		var err error
		p, err = b.para.Paraphrase(ctx, ParaphraseRequest{
			MythID: m.ID, ContentHash: m.Hash, Lang: lang, SourceLang: body.Lang,
			Short: body.Short, Full: body.Full, Question: question,
		})
		if err == nil {
			err = b.checkParaphrase(p, body, lang, m, b.current())
		}
		if err == nil {
			err = b.judge(ctx, m.ID, p, body, lang)
		}
		if err != nil {
			reason := fallbackReason(err)
			b.observer.ObserveFallback(reason)
			b.log.DebugContext(ctx, "paraphrase refused: curated text used", "myth", m.ID, "lang", lang, "mode", pol.Mode, "reason", reason, "err", err)
			return
		}
		b.paraLRU.put(key, p)
	}
	ans.Body = &Body{
		Short: p.Short, Full: p.Full, Lang: lang, Reviewed: body.Reviewed, Paraphrased: true,
		Original: &Original{Short: body.Short, Full: body.Full, Lang: body.Lang},
	}
	b.log.DebugContext(ctx, "paraphrase used", "myth", m.ID, "lang", lang, "mode", pol.Mode, "cached", cached)
}

// checkParaphrase runs the guards on both texts of p against the curated body of myth m, with
// matcher's similarity to tell a rebuttal from a restated myth.
func (b *Bot) checkParaphrase(p Paraphrase, body *Body, lang string, m *facts.Myth, matcher Matcher) error {
	evidence := body.Short + "\n\n" + body.Full
	reviewed := reviewedTexts(m)
	myth := mythOf(m, lang, body.Lang, matcher)
	p.Short, p.Full = strings.TrimSpace(p.Short), strings.TrimSpace(p.Full)
	short := guard.Text{Output: p.Short, Lang: lang, Curated: body.Short, CuratedLang: body.Lang, Evidence: evidence,
		MaxRunes: PostLimit, MaxGrowth: b.paraPol.MaxGrowth, Reviewed: reviewed, Myth: myth, MythMargin: b.paraPol.MythMargin}
	if err := guard.Check(short); err != nil {
		return err
	}
	full := guard.Text{Output: p.Full, Lang: lang, Curated: body.Full, CuratedLang: body.Lang, Evidence: evidence,
		MaxGrowth: b.paraPol.MaxGrowth, Reviewed: reviewed, Myth: myth, MythMargin: b.paraPol.MythMargin}
	return guard.Check(full)
}

// reviewedTexts joins every reviewed text of m in every language, without the citation keys:
// what a paraphrase may name or quantify. The phrasings are left out: they are how people say
// the myth, not what was checked.
func reviewedTexts(m *facts.Myth) string {
	var sb strings.Builder
	for _, l := range m.Langs() {
		t := m.Texts[l]
		for _, s := range []string{t.Title, t.Claim, t.Short, t.Full} {
			sb.WriteString(citationRef.ReplaceAllString(s, " "))
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// mythOf is what a paraphrase of m in lang, made from curated text in from, must not restate,
// compared by the matcher's own analysis: m's claim in every language (a translation is then
// compared with the claim in its own language where the base has it) and, unless translating,
// its phrasings in lang.
func mythOf(m *facts.Myth, lang, from string, matcher Matcher) guard.Myth {
	g := guard.Myth{Analyze: matcher.Terms}
	for _, l := range m.Langs() {
		g.Claims = append(g.Claims, guard.Said{Text: m.Texts[l].Claim, Lang: l})
	}
	if t, ok := m.Texts[lang]; ok && lang == from {
		for _, p := range t.Phrasings {
			g.Phrasings = append(g.Phrasings, guard.Said{Text: p, Lang: lang})
		}
	}
	return g
}

// fallbackReason names why a paraphrase was not used, as a short metric label.
func fallbackReason(err error) string {
	var v *guard.Violation
	var jf *judgeFailed
	var r interface{ FallbackReason() string }
	switch {
	case errors.As(err, &jf):
		return jf.FallbackReason()
	case errors.As(err, &v):
		return v.Reason
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &r):
		return r.FallbackReason()
	}
	return "error"
}

// normalizeQuestion makes questions that differ only in case, spacing or final punctuation share
// a cache entry.
func normalizeQuestion(q string) string {
	q = strings.Join(strings.Fields(strings.ToLower(q)), " ")
	return strings.TrimRightFunc(q, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// neighbours are the languages whose speakers most often read another one the fact base may
// have: Portuguese, Galician, Catalan, Italian and the Andean languages read Spanish well;
// Haitian Creole and the languages of francophone Africa are spoken alongside French.
var neighbours = map[string][]string{
	"pt": {"es"}, "gl": {"es"}, "ca": {"es", "fr"}, "it": {"es", "fr"}, "qu": {"es"}, "gn": {"es"}, "ay": {"es"},
	"ht": {"fr"}, "oc": {"fr"}, "wo": {"fr"}, "ln": {"fr"}, "bm": {"fr"}, "mg": {"fr"}, "rw": {"fr"}, "ff": {"fr"},
}

// closestLang returns lang if the base has it, else the closest language it has, else DefaultLang.
func closestLang(base *facts.Base, lang string) string {
	if base.HasLang(lang) {
		return lang
	}
	for _, l := range neighbours[lang] {
		if base.HasLang(l) {
			return l
		}
	}
	return facts.DefaultLang
}
