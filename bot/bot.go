package bot

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"factline/facts"
	"factline/facts/match"
)

// Matcher finds the myths that may answer a text; *facts.Index implements it, and Semantic wraps
// it. ctx bounds whatever a Matcher asks of the network (an embeddings server) for the question.
type Matcher interface {
	Match(ctx context.Context, text, lang string, k int) []facts.Candidate
	Base() *facts.Base
	// Terms analyses a text the way the matcher compares texts; the paraphrase guards compare
	// the Terms of a model's sentences with the myth's (match.Terms.Cosine) to refuse a text
	// that restates the myth it should rebut.
	Terms(text, lang string) Terms
}

// Terms is a text analysed by the matcher for comparison with others (see match.Terms); an
// alias, so that a Matcher outside the fact base's packages needs only bot.
type Terms = match.Terms

// Policy decides between answering, offering a choice and abstaining.
type Policy struct {
	// AbstainBelow: the bot abstains when the best candidate's confidence is below it.
	AbstainBelow float64
	// AmbiguityMargin: when the second candidate's confidence is within this margin of the first,
	// the answer is Ambiguous and offers both.
	AmbiguityMargin float64
	// AlternativeFloor: other candidates at or above this confidence are listed as alternatives.
	AlternativeFloor float64
	// MaxAlternatives caps the alternatives listed.
	MaxAlternatives int
	// MaxQuestion is the longest question accepted, in characters.
	MaxQuestion int
	// SuggestAbove: when the best candidate is below AbstainBelow but the chance that the
	// asked-for myth is among the first MaxSuggestions candidates (match.ChanceAmong) is at or
	// above it, the answer is Suggested and offers them to choose from. 0 turns suggestions off.
	SuggestAbove   float64
	MaxSuggestions int
	// OverheardBelow replaces AbstainBelow for a message the bot overheard (Request.Overheard):
	// it was not asked, so it answers only when very sure, and never suggests.
	OverheardBelow float64
}

// The tested thresholds of the answer policy, calibrated on the check half of the labelled set
// (facts/match TestMythThresholds, 29 myths: 515 on-topic and 236 off-topic lines): explicit asks
// are answered from match.DefaultThreshold (top-1 0.955, 2.1% of off-topic lines answered) and
// offered suggestions when the chance that the right myth is among the first three is at least
// DefaultSuggestAbove (the right myth answered, offered among the first two alternatives under
// the answer, or suggested for 0.990 of on-topic lines; 30 of 236 off-topic lines offered
// suggestions); overheard messages are answered only from DefaultOverheardBelow, the lowest
// threshold at which at most 0.5% of off-topic lines (1 of 236) are answered.
const (
	DefaultSuggestAbove   = match.DefaultSuggestAbove
	DefaultOverheardBelow = 0.95
)

// DefaultPolicy returns the tested defaults.
func DefaultPolicy() Policy {
	return Policy{
		AbstainBelow: match.DefaultThreshold, AmbiguityMargin: match.DefaultMargin, AlternativeFloor: match.AlternativeFloor, MaxAlternatives: 3, MaxQuestion: 2000,
		SuggestAbove: DefaultSuggestAbove, MaxSuggestions: 3, OverheardBelow: DefaultOverheardBelow,
	}
}

// Options configure a Bot. Only Matcher is required.
type Options struct {
	Matcher Matcher
	Policy  Policy
	// Limits rate-limits askers and chats; the zero value turns rate limiting off.
	Limits Limits
	// Paraphraser, when set, may rephrase or translate curated answers under the guards.
	Paraphraser Paraphraser
	// Paraphrase says when the Paraphraser is asked and how far its text may stray.
	Paraphrase ParaphrasePolicy
	// Pictures, when set, reads the text of questions sent as pictures (Request.Picture);
	// without it, pictures are refused with CodeUnavailable.
	Pictures PictureReader
	// Reviews, when set, searches an imported collection of professional fact-checks for a
	// question no curated myth answers (outcome External).
	Reviews ReviewSearcher
	// Lookup, when set, searches a live fact-check service after Reviews found nothing, for a
	// question someone is waiting on (not drafts, not overheard messages).
	Lookup ReviewSearcher
	// Judge, when set, must answer a clear yes for a paraphrase that passed the guards to be used.
	Judge FidelityJudge
	// Store, when set, receives answer events, feedback, unanswered questions and chat settings.
	Store Store
	// AwaitStore says a Store will be handed over later with UseStore (serve opens its database
	// in the background, so answering never waits for it). Until then the bot records as if it
	// had one: the records wait in memory, bounded, and chat settings are the defaults.
	AwaitStore bool
	// Secret is the install secret that chat keys are HMACed with before they reach the Store
	// (see ChatKey). Without one, a random secret is made: settings then last only as long as
	// the process.
	Secret []byte
	// KeepUnanswered stores the scrubbed text of questions no myth answered.
	KeepUnanswered bool
	// Offers lets a surface tell the bot which suggestion, alternative or topic an asker then
	// chose (or that none was meant), so the question and the myth are kept together for the
	// curator. It needs KeepUnanswered and a Store, and a process that lives long enough to see
	// the choice (serve).
	Offers bool
	// StoreTimeout bounds each store call; 0 means DefaultStoreTimeout.
	StoreTimeout time.Duration
	Observer     Observer
	Logger       *slog.Logger
	// Now returns the current time; tests set it.
	Now func() time.Time
}

// Bot answers requests from every surface. It is safe for concurrent use.
type Bot struct {
	served         atomic.Pointer[served]
	policy         Policy
	limiter        *limiter
	para           Paraphraser
	paraPol        ParaphrasePolicy // see paraphrase.go
	paraLRU        *paraCache
	fidelity       FidelityJudge
	pictures       PictureReader
	reviews        ReviewSearcher
	lookup         ReviewSearcher
	store          atomic.Pointer[Store] // nil until there is one; see UseStore
	recording      bool                  // a Store is set or awaited: record answers for it
	pending        pendingRecords        // answer counts and unanswered questions not yet flushed to store
	secret         []byte
	keepUnanswered bool
	offers         *offers // nil unless Options.Offers, KeepUnanswered and a Store
	storeTimeout   time.Duration
	settings       *settingsCache
	observer       Observer
	log            *slog.Logger
	now            func() time.Time
}

// New returns a Bot; it does no I/O.
func New(opts Options) *Bot {
	b := &Bot{
		policy:         opts.Policy,
		limiter:        newLimiter(opts.Limits, opts.Now),
		para:           opts.Paraphraser,
		paraPol:        opts.Paraphrase.withDefaults(),
		fidelity:       opts.Judge,
		pictures:       opts.Pictures,
		reviews:        opts.Reviews,
		lookup:         opts.Lookup,
		recording:      opts.Store != nil || opts.AwaitStore,
		secret:         opts.Secret,
		keepUnanswered: opts.KeepUnanswered,
		storeTimeout:   opts.StoreTimeout,
		settings:       newSettingsCache(),
		observer:       opts.Observer,
		log:            opts.Logger,
		now:            opts.Now,
	}
	if b.policy == (Policy{}) {
		b.policy = DefaultPolicy()
	}
	if b.observer == nil {
		b.observer = nopObserver{}
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.storeTimeout <= 0 {
		b.storeTimeout = DefaultStoreTimeout
	}
	if len(b.secret) == 0 {
		b.secret, _ = NewSecret() // crypto/rand.Read does not fail on supported systems
	}
	b.paraLRU = newParaCache(b.paraPol.CacheSize)
	if opts.Store != nil {
		b.UseStore(opts.Store)
	}
	if opts.Offers && b.keepUnanswered && b.recording {
		b.offers = newOffers(maxOffers, offerTTL, b.now)
	}
	b.served.Store(&served{matcher: opts.Matcher})
	return b
}

// Swap replaces the fact base and its index, e.g. after a reload; answers in flight finish with the old one.
func (b *Bot) Swap(m Matcher) { b.served.Store(&served{matcher: m}) }

// served is the fact base being served, with what the bot derives from it once.
type served struct {
	matcher Matcher
	// answers caches compose's results by *facts.Text.
	answers sync.Map
}

func (b *Bot) current() Matcher { return b.served.Load().matcher }

// Ask answers a question or a pasted claim.
func (b *Bot) Ask(ctx context.Context, req Request) (Answer, error) {
	start := b.now()
	text, input, err := b.question(ctx, req)
	if err != nil {
		return Answer{}, err
	}
	sv := b.served.Load()
	m := sv.matcher
	base := m.Base()
	// The text is matched in its own language; the asked or chat language only chooses the
	// answer's, so an English claim in a French-speaking group is still recognised.
	detected := match.DetectLanguage(text)
	lang := b.requestLang(ctx, req, detected)
	answerLang := closestLang(base, lang)
	ans := Answer{Query: text, Lang: lang, Alternatives: []Match{}, Sources: []*Source{}, Input: &input}
	// A known hoax link names the myth whatever the words around it say; nothing is fetched.
	if linked, _ := base.LinkedMyth(text); linked != nil {
		ans.Outcome = Matched
		match := matchOf(linked, answerLang, 1)
		ans.Match = &match
		compose(&sv.answers, base, linked, answerLang, &ans)
		b.rephrase(ctx, req, linked, lang, &ans)
		b.finish(req, &ans, start)
		return ans, nil
	}
	cands := m.Match(ctx, text, detected, 1+max(b.policy.MaxAlternatives, b.policy.MaxSuggestions))
	answerAbove := b.policy.AbstainBelow
	if req.Overheard {
		answerAbove = b.policy.OverheardBelow
	}
	if len(cands) == 0 || cands[0].Confidence < answerAbove {
		ans.Words = wordsOf(base, answerLang)
		if !req.Overheard {
			if r := b.searchReview(ctx, req, text, detected); r != nil {
				ans.Outcome, ans.External = External, r
				body := externalBody(base, r, answerLang)
				ans.Body = &body
				b.finish(req, &ans, start)
				return ans, nil
			}
		}
		if !req.Overheard {
			ans.Suggestions = b.suggestions(cands, answerLang)
		}
		if len(ans.Suggestions) > 0 {
			ans.Outcome = Suggested
		} else {
			ans.Outcome = Abstained
			ans.Topics = topics(base, answerLang)
		}
		if !req.Overheard && !req.Draft {
			ans.Offer = b.offers.open(Scrub(storable(text)), lang, req.Surface)
		}
		b.finish(req, &ans, start)
		return ans, nil
	}
	cands = cands[:min(len(cands), 1+b.policy.MaxAlternatives)]
	top := cands[0]
	ans.Outcome = Matched
	if len(cands) > 1 && top.Confidence-cands[1].Confidence < b.policy.AmbiguityMargin {
		ans.Outcome = Ambiguous
	}
	for _, c := range cands[1:] {
		if c.Confidence >= b.policy.AlternativeFloor || ans.Outcome == Ambiguous && len(ans.Alternatives) == 0 {
			ans.Alternatives = append(ans.Alternatives, matchOf(c.Myth, answerLang, c.Confidence))
		}
	}
	if b.offers != nil && len(ans.Alternatives) > 0 && !req.Overheard && !req.Draft {
		// The asker may pick an alternative, which says the answer given was not the one meant:
		// the question waits for that choice as a suggestion's does. Checked before Scrub, which
		// a bot that keeps no offers should not pay for on every answer.
		ans.Offer = b.offers.open(Scrub(storable(text)), lang, req.Surface)
	}
	match := matchOf(top.Myth, answerLang, top.Confidence)
	ans.Match = &match
	compose(&sv.answers, base, top.Myth, answerLang, &ans)
	b.rephrase(ctx, req, top.Myth, lang, &ans)
	b.finish(req, &ans, start)
	return ans, nil
}

// question returns the text of req to match, checked and rate-limited, and what it was sent as.
func (b *Bot) question(ctx context.Context, req Request) (string, Input, error) {
	if len(req.Picture) > 0 {
		// Reading a picture costs a second of CPU: the asker is rate-limited before it is read.
		if err := b.limiter.allow(req); err != nil {
			return "", Input{}, err
		}
		text, err := b.readPicture(ctx, req)
		if err != nil {
			return "", Input{}, err
		}
		if r := []rune(text); len(r) > b.policy.MaxQuestion {
			text = string(r[:b.policy.MaxQuestion])
		}
		return text, Input{Kind: InputImage, Text: Scrub(text)}, nil
	}
	text := strings.TrimSpace(req.Text)
	if text == "" {
		return "", Input{}, errorf(CodeInvalid, "the question is empty: paste a claim or ask a question")
	}
	if n := utf8.RuneCountInString(text); n > b.policy.MaxQuestion {
		return "", Input{}, errorf(CodeInvalid, "the question is too long: keep it under "+strconv.Itoa(b.policy.MaxQuestion)+" characters")
	}
	if err := b.limiter.allow(req); err != nil {
		return "", Input{}, err
	}
	return text, Input{Kind: InputText}, nil
}

// Explain answers with a myth the asker chose (from a menu, a button or a permalink), in req.Lang
// or the chat's language.
func (b *Bot) Explain(ctx context.Context, mythID string, req Request) (Answer, error) {
	start := b.now()
	if err := b.limiter.allow(req); err != nil {
		return Answer{}, err
	}
	sv := b.served.Load()
	base := sv.matcher.Base()
	m := base.Myth(mythID)
	if m == nil {
		return Answer{}, errorf(CodeNotFound, "no myth with id "+mythID)
	}
	lang := b.requestLang(ctx, req, "")
	answerLang := closestLang(base, lang)
	match := matchOf(m, answerLang, 1)
	ans := Answer{Query: req.Text, Lang: lang, Outcome: Chosen, Match: &match, Alternatives: []Match{}}
	compose(&sv.answers, base, m, answerLang, &ans)
	b.rephrase(ctx, req, m, lang, &ans)
	b.finish(req, &ans, start)
	if q, ok := b.offers.take(req.Offer); ok {
		q.Chosen, q.Day = m.ID, b.day()
		b.keep(q)
	}
	return ans, nil
}

// Decline records that none of the suggestions (or topics) offered for a question was meant: it
// is counted with the outcomes, and the question, when the bot keeps questions, is kept apart for
// the curator. An offer unknown to the bot (expired, or made by another replica) is only counted.
// Declining is rate-limited like asking.
func (b *Bot) Decline(_ context.Context, offer string, req Request) error {
	if err := b.limiter.allow(req); err != nil {
		return err
	}
	lang := normalizeLang(req.Lang)
	q, ok := b.offers.take(offer)
	if ok {
		lang = q.Lang
	}
	if !b.recording {
		return nil
	}
	b.pending.add(AnswerEvent{Outcome: Declined, Surface: req.Surface, Lang: lang, Day: b.day()}, nil)
	if ok {
		q.Declined, q.Day = true, b.day()
		b.keep(q)
	}
	return nil
}

// suggestions are the first MaxSuggestions candidates, best first, when the chance that the
// asked-for myth is among them (match.ChanceAmong, over every candidate retrieved) is at least
// Policy.SuggestAbove; none otherwise. A choice is offered on how likely it is to hold the right
// myth, not on how likely its first myth is: two close candidates are a good offer even when
// neither alone is likely. Candidates after the first under match.SuggestFloor are left out.
func (b *Bot) suggestions(cands []facts.Candidate, lang string) []Suggestion {
	if b.policy.SuggestAbove <= 0 || b.policy.MaxSuggestions <= 0 || len(cands) == 0 {
		return nil
	}
	var room [8]float64 // the bot asks for four candidates: no allocation
	confs := room[:0]
	for _, c := range cands {
		confs = append(confs, c.Confidence)
	}
	if match.ChanceAmong(confs, b.policy.MaxSuggestions) < b.policy.SuggestAbove {
		return nil
	}
	var out []Suggestion
	for i, c := range cands[:min(len(cands), b.policy.MaxSuggestions)] {
		if i > 0 && c.Confidence < match.SuggestFloor {
			break
		}
		t := c.Myth.Text(lang)
		out = append(out, Suggestion{ID: c.Myth.ID, Title: t.Title, Claim: t.Claim, Confidence: c.Confidence})
	}
	return out
}

// requestLang picks the language of a request: asked, else the chat's setting, else the language
// detected in the text, else the default language.
func (b *Bot) requestLang(ctx context.Context, req Request, detected string) string {
	if l := normalizeLang(req.Lang); l != "" {
		return l
	}
	if req.Chat != "" {
		if s := b.Settings(ctx, req.Chat); s.Lang != "" {
			return s.Lang
		}
	}
	if detected != "" {
		return detected
	}
	return facts.DefaultLang
}

// finish records the answer and observes its latency.
func (b *Bot) finish(req Request, ans *Answer, start time.Time) {
	b.record(req, ans)
	b.observer.ObserveAnswer(req.Surface, ans.Outcome, b.now().Sub(start))
}

// normalizeLang turns "FR", "fr-CA" or "es_MX" into "fr" or "es"; it returns "" for anything else.
func normalizeLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	if len(l) < 2 || len(l) > 3 {
		return ""
	}
	for _, r := range l {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return l
}
