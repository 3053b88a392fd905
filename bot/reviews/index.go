package reviews

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"factline/bot"
	"factline/facts/match"
)

// DefaultThreshold is the confidence from which the collection answers, calibrated on
// CheckThat! 2A train (TestCalibrateThreshold; figures in docs/ratings.md).
const DefaultThreshold = 0.8

// DefaultRankThreshold is the confidence from which one of a handful of reviews ranked by Rank
// answers (a live lookup's), calibrated on CheckThat! 2A train (TestCalibrateRankThreshold):
// Rank's confidences run lower than Index's, as its collection is tiny.
const DefaultRankThreshold = 0.5

// PreferMargin is how far below the best candidate one in the question's language may be and
// still be preferred: the same claim reviewed in the asker's language reads better, but a
// weaker match to a different claim must not win for its language alone.
const PreferMargin = 0.15

// searchDepth is how many candidates a search weighs: enough to find one in the question's
// language among reviews of the same claim in others.
const searchDepth = 8

// Index is the bot.ReviewSearcher over an imported collection. It is immutable and safe for
// concurrent use; build a new one when the collection changes.
//
// Reviews of the same claim (the same text, by several publishers or imported twice under
// different URLs) are one document of the matcher, so that they do not compete with each
// other and lower the confidence that the claim is the one asked about.
//
// The collection is one matcher index, not shards built in parallel: split four ways, 200,000
// reviews loaded twice as fast, but each shard's candidates looked more certain than they were
// (a claim's near neighbours fell in other shards, widening its margin), and on the CheckThat!
// dev queries among 200,000 reviews the answers' precision fell from 0.920 to 0.879. The cores
// share the build inside the matcher instead (match.Build analyses the documents in parallel and
// builds the same single index).
type Index struct {
	reviews []Review // kept reviews
	// The reviews of each document (a claim), newest first: those of document g are
	// members[groupAt[g]:groupAt[g+1]]. One array of offsets rather than a slice per claim: a
	// third of the memory, and one read less per candidate of a search.
	groupAt []int32
	members []int32
	ix      *match.Index

	threshold float64
	maxAge    time.Duration
	now       func() time.Time
	allowed   map[string]bool // publisher sites; nil allows all
	// otherLangs is the confidence from which a review in another language than the
	// question's answers; above 1, never.
	otherLangs float64
}

// Option sets up an Index.
type Option func(*Index)

// WithThreshold sets the confidence from which a review answers (DefaultThreshold otherwise).
func WithThreshold(t float64) Option { return func(x *Index) { x.threshold = t } }

// WithOtherLanguages lets a review in another language than the question's answer from
// confidence min. By default none does: the claims model is calibrated on English questions
// against English claims, and across languages it matches false friends ("¿cuál es la
// población actual de Canadá?" to a claim that canned pumpkin is "actually" squash, 0.95).
func WithOtherLanguages(min float64) Option { return func(x *Index) { x.otherLangs = min } }

// WithPublishers keeps only the reviews of these sites (compared as Site reduces them); none
// keeps all.
func WithPublishers(sites ...string) Option {
	return func(x *Index) {
		if len(sites) == 0 {
			return
		}
		x.allowed = map[string]bool{}
		for _, s := range sites {
			x.allowed[Site(s)] = true
		}
	}
}

// WithMaxAge drops the reviews published more than age before now (0 keeps all). Undated
// reviews are kept: their age is unknown, and the answer says so. now is read at build and
// at each search, so a long-running server lets reviews age out; nil means time.Now.
func WithMaxAge(age time.Duration, now func() time.Time) Option {
	return func(x *Index) {
		x.maxAge = age
		if now != nil {
			x.now = now
		}
	}
}

// Usable counts the reviews New would index with these options (complete, of an allowed
// publisher, recent enough, one per URL), without indexing them.
func Usable(reviews []Review, opts ...Option) int {
	x := &Index{now: time.Now}
	for _, o := range opts {
		o(x)
	}
	now := x.now()
	urls := make(map[string]bool, len(reviews))
	for _, r := range reviews {
		if r.Claim != "" && r.URL != "" && x.keeps(&r, now) {
			urls[r.URL] = true
		}
	}
	return len(urls)
}

// New indexes the reviews that the options keep. Reviews without a claim or a URL are
// skipped, and of several with the same URL the last is kept (as an import updates it).
func New(reviews []Review, opts ...Option) (*Index, error) {
	x := &Index{threshold: DefaultThreshold, now: time.Now, otherLangs: 2}
	for _, o := range opts {
		o(x)
	}
	at := make(map[string]int, len(reviews))
	now := x.now()
	// Grown by appending, the kept reviews would leave four times their size in garbage on
	// the way (38 MB kept, 150 MB left behind, at 200,000 reviews): room for all is made at
	// once, and given back below if much of it stays empty.
	x.reviews = make([]Review, 0, len(reviews))
	var names interner
	for _, r := range reviews {
		if r.Claim == "" || r.URL == "" || !x.keeps(&r, now) {
			continue
		}
		r.Claimant, r.Publisher, r.Site = names.intern(r.Claimant), names.intern(r.Publisher), names.intern(r.Site)
		r.Rating, r.Verdict, r.Lang = names.intern(r.Rating), names.intern(r.Verdict), names.intern(r.Lang)
		if i, ok := at[r.URL]; ok {
			x.reviews[i] = r
			continue
		}
		at[r.URL] = len(x.reviews)
		x.reviews = append(x.reviews, r)
	}
	if len(x.reviews) < cap(x.reviews)/2 {
		x.reviews = slices.Clone(x.reviews)
	}
	x.group()
	if x.claims() == 0 {
		return x, nil
	}
	ix, err := match.Build(x.documents(), claimsOptions())
	if err != nil {
		return nil, fmt.Errorf("index reviews: %w", err)
	}
	x.ix = ix
	return x, nil
}

// interner keeps one copy of each of the short strings that repeat across reviews (claimants,
// publishers, sites, ratings, verdicts, languages): read from a store, each row has its own
// copies, which at 200,000 reviews are 16 MB the index would keep for a few hundred distinct
// values. The zero value is ready to use.
type interner struct {
	seen map[string]string
}

// maxInterned bounds the distinct strings an interner remembers: a field that does not repeat
// (claimants, in some collections) would otherwise make it as large as the collection.
const maxInterned = 4096

// intern returns s, or the copy of it met first.
func (n *interner) intern(s string) string {
	if s == "" {
		return s
	}
	if c, ok := n.seen[s]; ok {
		return c
	}
	if n.seen == nil {
		n.seen = map[string]string{}
	}
	if len(n.seen) < maxInterned {
		n.seen[s] = s
	}
	return s
}

// group gathers the reviews of the same claim (same words, whatever the case, accents and
// punctuation), newest first. The groups share one array: most claims have one review, and a
// slice of its own for each would be 200,000 small allocations at 200,000 reviews.
func (x *Index) group() {
	keys := claimKeys(x.reviews)
	byClaim := make(map[string]int32, len(x.reviews))
	of := make([]int32, len(x.reviews)) // by review: its group
	var size []int32                    // by group: its reviews
	for i, key := range keys {
		g, ok := byClaim[key]
		if !ok {
			g = int32(len(size))
			byClaim[key] = g
			size = append(size, 0)
		}
		of[i] = g
		size[g]++
	}
	x.groupAt = make([]int32, len(size)+1)
	for g, n := range size {
		x.groupAt[g+1] = x.groupAt[g] + n
	}
	x.members = make([]int32, len(x.reviews))
	next := slices.Clone(x.groupAt[:len(size)]) // by group: where its next review goes
	for i, g := range of {
		x.members[next[g]] = int32(i)
		next[g]++
	}
	for g := range x.claims() {
		if m := x.reviewsOf(g); len(m) > 1 {
			slices.SortStableFunc(m, func(a, b int32) int { return x.reviews[b].ReviewDate.Compare(x.reviews[a].ReviewDate) })
		}
	}
}

// claims is the number of documents: distinct claims.
func (x *Index) claims() int { return max(0, len(x.groupAt)-1) }

// reviewsOf returns the reviews of document g, newest first.
func (x *Index) reviewsOf(g int) []int32 { return x.members[x.groupAt[g]:x.groupAt[g+1]] }

// claimKeys returns the folded claim of each review, folding on all cores: at 200,000 reviews
// folding takes a good share of a load.
func claimKeys(rs []Review) []string {
	keys := make([]string, len(rs))
	workers := min(runtime.GOMAXPROCS(0), len(rs)/4096+1)
	var wg sync.WaitGroup
	per := (len(rs) + workers - 1) / workers
	for lo := 0; lo < len(rs); lo += per {
		wg.Go(func() {
			for i := lo; i < min(lo+per, len(rs)); i++ {
				keys[i] = foldRating(rs[i].Claim)
			}
		})
	}
	wg.Wait()
	return keys
}

// maxTitles bounds the headlines one claim's document carries: they help find it, but a
// claim reviewed by twenty publishers must not outweigh the others by its headlines alone.
const maxTitles = 3

// documents turns the claims into the matcher's documents, identified by group number: the
// claim and the distinct headlines of its reviews.
func (x *Index) documents() []match.Document {
	docs := make([]match.Document, x.claims())
	for g := range docs {
		members := x.reviewsOf(g)
		first := x.reviews[members[0]]
		lang := matchLang(first.Lang)
		texts := []match.Text{{Kind: match.KindClaim, Lang: lang, Text: first.Claim}}
		var titles []string
		for _, i := range members {
			if t := x.reviews[i].Title; t != "" && !slices.Contains(titles, t) && len(titles) < maxTitles {
				titles = append(titles, t)
				texts = append(texts, match.Text{Kind: match.KindTitle, Lang: matchLang(x.reviews[i].Lang), Text: t})
			}
		}
		docs[g] = match.Document{ID: strconv.Itoa(g), Texts: texts}
	}
	return docs
}

// claimsOptions are the matcher's defaults with the model trained on fact-checked claims.
func claimsOptions() match.Options {
	o := match.DefaultOptions()
	o.Model = "claims"
	return o
}

// matchLang is the language the matcher analyzes a review in: its own when the matcher knows
// it, else "" (detected from the text).
func matchLang(lang string) string {
	switch lang {
	case "en", "fr", "es":
		return lang
	}
	return ""
}

// keeps says whether a review passes the allow-list and the age limit at now.
func (x *Index) keeps(r *Review, now time.Time) bool {
	if x.allowed != nil && !x.allowed[Site(r.Site)] && !x.allowed[Site(r.URL)] {
		return false
	}
	return x.maxAge <= 0 || r.ReviewDate.IsZero() || now.Sub(r.ReviewDate) <= x.maxAge
}

// Len is the number of reviews the index searches.
func (x *Index) Len() int {
	if x == nil {
		return 0
	}
	return len(x.reviews)
}

// SearchReview implements bot.ReviewSearcher: the review of the claim text is about, or nil
// when none reaches the threshold.
func (x *Index) SearchReview(ctx context.Context, text, lang string) (*bot.ExternalReview, error) {
	r, ok := x.Search(text, lang)
	if !ok {
		return nil, nil
	}
	return r.Review.External(r.Confidence), nil
}

// Ranked is a review with the confidence that it is about the question's claim.
type Ranked struct {
	Review     Review
	Confidence float64
}

// Search returns the review that answers text, as SearchReview does, with its confidence.
// lang is the question's language ("" unknown): reviews in it are preferred, and reviews in
// another one answer only as WithOtherLanguages allows.
func (x *Index) Search(text, lang string) (Ranked, bool) {
	if x == nil || x.ix == nil {
		return Ranked{}, false
	}
	now := x.now()
	// The candidates are named by their place in x.reviews, and only the one picked is copied:
	// at 200,000 reviews each review read is a wait for memory, and copying every candidate's
	// (a dozen strings and two times) cost a search several microseconds.
	var room [4 * searchDepth]hit
	cands := room[:0]
	for _, res := range x.ix.Search(text, matchLang(lang), searchDepth) {
		g, err := strconv.Atoi(res.ID)
		if err != nil || g < 0 || g >= x.claims() {
			continue // cannot happen: the ids are the group numbers New gave
		}
		for _, i := range x.reviewsOf(g) {
			r := &x.reviews[i]
			if !x.keeps(r, now) || (lang != "" && r.Lang != "" && r.Lang != lang && res.Confidence < x.otherLangs) {
				continue
			}
			cands = append(cands, hit{review: i, confidence: res.Confidence})
		}
	}
	k, ok := pick(len(cands), func(k int) float64 { return cands[k].confidence },
		func(k int) string { return x.reviews[cands[k].review].Lang }, lang, x.threshold)
	if !ok {
		return Ranked{}, false
	}
	return Ranked{Review: x.reviews[cands[k].review], Confidence: cands[k].confidence}, true
}

// hit is a candidate review of a search: its place in Index.reviews and its confidence.
type hit struct {
	review     int32
	confidence float64
}

// Rank orders a handful of candidate reviews (a live lookup's answers) by the confidence that
// each is about text's claim, best first. It indexes them on the spot, so it suits tens of
// candidates, not a collection; the confidences come from the same model as Index's but over
// so few documents that rare words weigh less, and run lower than Index's for the same pair.
func Rank(text, lang string, candidates []Review) ([]Ranked, error) {
	var kept []Review
	for _, r := range candidates {
		if r.Claim != "" && r.URL != "" {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return nil, nil
	}
	docs := make([]match.Document, len(kept))
	for i, r := range kept {
		lang := matchLang(r.Lang)
		texts := []match.Text{{Kind: match.KindClaim, Lang: lang, Text: r.Claim}}
		if r.Title != "" {
			texts = append(texts, match.Text{Kind: match.KindTitle, Lang: lang, Text: r.Title})
		}
		docs[i] = match.Document{ID: strconv.Itoa(i), Texts: texts}
	}
	ix, err := match.Build(docs, claimsOptions())
	if err != nil {
		return nil, fmt.Errorf("rank reviews: %w", err)
	}
	var out []Ranked
	for _, res := range ix.Search(text, matchLang(lang), len(kept)) {
		i, _ := strconv.Atoi(res.ID)
		out = append(out, Ranked{Review: kept[i], Confidence: res.Confidence})
	}
	return out, nil
}

// Pick chooses the answer among ranked candidates (best first): none when the best is below
// threshold; else the best in the question's language lang if it is within PreferMargin of the
// best and itself above threshold; else the best.
func Pick(ranked []Ranked, lang string, threshold float64) (Ranked, bool) {
	k, ok := pick(len(ranked), func(k int) float64 { return ranked[k].Confidence },
		func(k int) string { return ranked[k].Review.Lang }, lang, threshold)
	if !ok {
		return Ranked{}, false
	}
	return ranked[k], true
}

// pick is Pick over n candidates read through confidence and language: it returns the index
// of the one chosen.
func pick(n int, confidence func(int) float64, language func(int) string, lang string, threshold float64) (int, bool) {
	if n == 0 {
		return 0, false
	}
	best := 0 // the first of the most confident
	for k := 1; k < n; k++ {
		if confidence(k) > confidence(best) {
			best = k
		}
	}
	if confidence(best) < threshold {
		return 0, false
	}
	if lang == "" || Lang(language(best)) == lang {
		return best, true
	}
	for k := range n {
		if Lang(language(k)) == lang && confidence(k) >= threshold && confidence(best)-confidence(k) <= PreferMargin {
			return k, true
		}
	}
	return best, true
}
