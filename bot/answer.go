package bot

import (
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"factline/facts"
)

// Surface names where a request came from and where its answer will be shown.
type Surface string

// The surfaces factline serves.
const (
	SurfaceCLI      Surface = "cli"
	SurfaceWeb      Surface = "web"
	SurfaceTelegram Surface = "telegram"
	SurfaceDiscord  Surface = "discord"
)

// Request is one question or pasted claim, normalized by an adapter.
type Request struct {
	Text string
	// Lang is the language the asker wants the answer in, or "" to follow the chat's setting or the question.
	Lang    string
	Surface Surface
	// Chat is an opaque key of the conversation ("telegram:-100123"), used for rate limits and chat
	// settings. The bot never stores it in clear.
	Chat string
	// User is an opaque key of the asker, used only for rate limiting in memory; never stored or logged.
	User string
	// Overheard is true for a message nobody addressed to the bot (a group in auto mode): it is
	// answered only above Policy.OverheardBelow, and never with suggestions. Nobody asked, so
	// nothing of its text is kept.
	Overheard bool
	// Draft is true for a text still being typed (Telegram's inline mode asks at every
	// keystroke): the answer is counted, but nothing of the text is kept and no offer is opened.
	Draft bool
	// Offer, with Explain, is the Answer.Offer the asker chose from: the question and the chosen
	// myth are kept together for the curator (see Bot.Explain).
	Offer string
	// Picture is a picture the question was sent as (a meme, a screenshot), as the platform gave
	// it: its text, read by Options.Pictures, is the question, and Text is ignored. The picture
	// is never stored and never sent to a language model.
	Picture []byte
}

// Outcome says how a request was answered.
type Outcome string

// The outcomes of a request.
const (
	// Matched: one myth answers the question with enough confidence.
	Matched Outcome = "matched"
	// Ambiguous: the best myth is given, but another is nearly as likely; surfaces offer both.
	Ambiguous Outcome = "ambiguous"
	// Abstained: no myth answers the question with enough confidence; the answer lists the topics known.
	Abstained Outcome = "abstained"
	// Chosen: the asker picked the myth (a menu or a button), so nothing was matched.
	Chosen Outcome = "chosen"
	// Suggested: no myth answers with enough confidence, but some may be meant; the answer offers
	// them (Suggestions) to choose from, and "none of these".
	Suggested Outcome = "suggested"
	// External: no curated myth answers, but a professional fact-check of a similar claim does
	// (Answer.External). Its text is a fixed template, never generated.
	External Outcome = "external"
	// Declined: the asker said none of the suggestions was meant (see Bot.Decline). It is counted
	// with the outcomes; no Answer carries it.
	Declined Outcome = "declined"
)

// Answer is the bot's reply, independent of any surface. Its JSON form is the contract of
// `factline ask --format json` and of the web API.
type Answer struct {
	Query string `json:"query"`
	// Lang is the language of the request: asked, set for the chat, or detected.
	Lang    string  `json:"lang"`
	Outcome Outcome `json:"outcome"`
	// Match is the myth answered, nil when the bot abstained.
	Match *Match `json:"match"`
	// Alternatives are other myths that may be meant, best first, under a Matched or Ambiguous
	// answer. Surfaces offer them as choices (Bot.Explain with Request.Offer set to Offer), except
	// under an answer to an overheard message, which stays as calm as it is sure.
	Alternatives []Match `json:"alternatives"`
	// Body is the rebuttal, nil when the bot abstained.
	Body    *Body     `json:"answer"`
	Sources []*Source `json:"sources"`
	// Topics lists what the bot can answer, filled when it abstained.
	Topics []Topic `json:"topics,omitempty"`
	// External is the professional fact-check answering the question, filled when the outcome is
	// External: someone else's work, which surfaces label as such.
	External *ExternalReview `json:"external,omitempty"`
	// Input says what the question was sent as, and for a picture, the text read from it; nil
	// for an answer that had no question (Explain, Preview).
	Input *Input `json:"input,omitempty"`
	// Suggestions are the myths that may be meant, best first, filled when the outcome is Suggested.
	Suggestions []Suggestion `json:"suggestions,omitempty"`
	// Offer identifies the question of a Suggested or Abstained answer, or of an answer with
	// Alternatives, for the choice that follows (Explain with Request.Offer, or Decline), so the
	// question and the myth chosen can be kept together for the curator. It is set only by a bot
	// that keeps questions (Options.Offers), never for an overheard or draft request.
	Offer string `json:"offer,omitempty"`
	// Words are the words surfaces show around the answer (verdict label, headings), in the
	// language of Body, or of the request when there is no Body.
	Words Words `json:"-"`

	// curated is the composed answer Body and Sources were copied from, whose JSON AppendJSON
	// reuses while they are unchanged.
	curated *composed
}

// Match identifies the myth an answer is about.
type Match struct {
	ID         string  `json:"id"`
	Claim      string  `json:"claim"`
	Verdict    string  `json:"verdict"`
	Confidence float64 `json:"confidence"`
}

// Body is the text of a rebuttal. Citations in Full are numbered [1], [2]... in the order of Answer.Sources.
type Body struct {
	Short    string `json:"short"`
	Full     string `json:"full"`
	Lang     string `json:"lang"`
	Reviewed string `json:"reviewed"`
	// Paraphrased is true when a language model rephrased or translated the curated text.
	Paraphrased bool `json:"paraphrased"`
	// Original is the curated text a paraphrase was made from.
	Original *Original `json:"original,omitempty"`
}

// Original is the curated text behind a paraphrased answer.
type Original struct {
	Short string `json:"short"`
	Full  string `json:"full"`
	Lang  string `json:"lang"`
}

// Suggestion is a myth that may be what the asker meant, with the matcher's confidence.
type Suggestion struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Claim      string  `json:"claim"`
	Confidence float64 `json:"confidence"`
}

// Topic is one myth as listed in a menu.
type Topic struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Claim string `json:"claim"`
}

var citationRef = regexp.MustCompile(`\[([a-z0-9]+(?:-[a-z0-9]+)*)\]`)

// composed is a myth's curated answer in one language, derived once per fact base served.
type composed struct {
	body    Body
	sources []*Source
	words   Words
	// json is `"answer":{...},"sources":[...]`, body and sources as they appear in an Answer's JSON.
	json []byte
}

// compose sets ans.Body and ans.Sources to the curated answer for myth m in lang (falling back to
// the default language), with the citations numbered in the order of the myth's sources. It is
// derived once per text and cached in cache, which lives as long as the fact base it was built from.
func compose(cache *sync.Map, base *facts.Base, m *facts.Myth, lang string, ans *Answer) {
	t := m.Text(lang)
	c, ok := cache.Load(t)
	if !ok {
		sources := sourcesOf(base, m)
		full := citationRef.ReplaceAllStringFunc(t.Full, func(ref string) string {
			id := ref[1 : len(ref)-1]
			if i := slices.IndexFunc(sources, func(s *Source) bool { return s.ID == id }); i >= 0 {
				return "[" + strconv.Itoa(i+1) + "]"
			}
			return ref
		})
		cc := &composed{
			body:    Body{Short: t.Short, Full: full, Lang: t.Lang, Reviewed: m.Reviewed.Format(time.DateOnly)},
			sources: sources,
			words:   wordsOf(base, t.Lang),
		}
		cc.json = encodeCurated(&cc.body, sources)
		c, _ = cache.LoadOrStore(t, cc)
	}
	cc := c.(*composed)
	body := cc.body // a copy: a paraphrase rewrites the answer's own Body
	ans.Body, ans.Sources, ans.Words, ans.curated = &body, slices.Clone(cc.sources), cc.words, cc
}

func matchOf(m *facts.Myth, lang string, confidence float64) Match {
	return Match{ID: m.ID, Claim: m.Text(lang).Claim, Verdict: m.Verdict, Confidence: confidence}
}

func topics(base *facts.Base, lang string) []Topic {
	out := make([]Topic, 0, len(base.Myths))
	for _, m := range base.Myths {
		t := m.Text(lang)
		out = append(out, Topic{ID: m.ID, Title: t.Title, Claim: t.Claim})
	}
	return out
}
