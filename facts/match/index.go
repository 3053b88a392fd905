package match

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// posting is one document containing a term, with the term-frequency part of its BM25 score:
// tf' (k1+1) / (k1+tf'), where tf' is the field-weighted frequency normalized by the document's
// length. Search multiplies it by the query weight and the idf.
type posting struct {
	doc int32
	bm  float32
}

// textInfo keeps one analyzed text of a document for the re-ranking features.
type textInfo struct {
	seq       []int32 // word terms in order (no concept terms)
	concepts  []int32 // concept terms
	nums      []int32 // number terms
	idfSz     float32 // sum of idf over the distinct terms of seq
	nDistinct int     // distinct terms of seq
	sq        float32 // squared norm of the text's vector of distinct terms, weighted by cosWeight
	// The inverses of idfSz, nDistinct and the norm √sq, or 0 where those are 0: the features
	// divide by them for every text that shares a word with a question.
	invIDF, invDistinct, invNorm float32
}

// occurrence is one place a term appears in a document's texts: the text, and the word's
// position in its seq, or posNum or posConcept for its number and concept terms.
type occurrence struct {
	text int32
	pos  int32
}

// The positions of terms outside a text's sequence of words.
const (
	posNum     = -1
	posConcept = -2
)

// coreTerm is a term found in a good share of a document's texts: what the claim is about,
// whichever way it is phrased.
type coreTerm struct {
	id int32
	// signedShare is the share of the document's texts the term is in, negated for a topic (a
	// concept term in half the texts or more): the flag takes no room of its own, which bm
	// needs (12 bytes a core term either way; 3.5 million of them at 200,000 claims).
	signedShare float32
	// bm is the term's BM25 term-frequency part in the document, as in its posting: the second
	// phase of a large collection's search reads it here rather than searching the term's
	// posting list for the document (completePool).
	bm float32
}

// newCoreTerm is a core term with its share of the document's texts; topic marks a main topic.
// Its bm is set once the postings are weighed (weigh).
func newCoreTerm(id int32, share float32, topic bool) coreTerm {
	if topic {
		share = -share
	}
	return coreTerm{id: id, signedShare: share}
}

// share is the share of the document's texts the term is in.
func (c coreTerm) share() float32 {
	return math.Float32frombits(math.Float32bits(c.signedShare) &^ (1 << 31))
}

// topic reports whether the term is a concept term in half the document's texts or more: a
// main topic.
func (c coreTerm) topic() bool { return c.signedShare < 0 }

// minCoreShare is the share of a document's texts a term must appear in to be a core term.
const minCoreShare = 0.2

// Index is an immutable, analyzed collection of documents. Search is safe for concurrent use.
type Index struct {
	opts     Options
	model    *model
	ids      []string
	termIDs  map[string]int32
	terms    []string
	postings [][]posting
	idf      []float32
	maxIDF   float32
	stems    stemCache
	texts    [][]textInfo
	// occs holds every term's occurrences, grouped by term, then document, then text. The
	// occurrences of term id in document postings[id][k].doc are occs[occAt[id][k]:occAt[id][k+1]].
	occs     []occurrence
	occAt    [][]int32
	maxTexts int // the most texts of one document
	core     [][]coreTerm
	media    []bool // the document speaks of a photo, video or image
	fuzzy    fuzzyIndex
	// surface is built on the first look-up that needs it (surfaceMatch), when
	// surfaceEligible is set: most indexes of a lint run's leave-one-out checks never need it.
	surface         surfaceFuzzy
	surfaceOnce     sync.Once
	surfaceEligible func(id int32) bool
	// termLangs has, for each term, a bit per language (see langBit) of the texts it occurs in;
	// langs has the bits of all the index's texts.
	termLangs []uint8
	langs     uint8
	scratch   sync.Pool
	// twoPhase is set for collections of approxMinDocs documents or more: they are searched by
	// retrieveApprox.
	twoPhase bool
}

// Build analyzes and indexes docs. Documents need a unique, non-empty ID.
func Build(docs []Document, opts Options) (*Index, error) {
	if len(docs) == 0 {
		return nil, errors.New("match: no documents to index")
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	ix := newIndex(len(docs), opts)
	if opts.RerankDepth > 0 {
		name := modelFor(docs, opts)
		if ix.model = models[name]; ix.model == nil {
			return nil, fmt.Errorf("match: unknown model %q", name)
		}
	}
	seen := make(map[string]bool, len(docs))
	for d, doc := range docs {
		if doc.ID == "" {
			return nil, fmt.Errorf("match: document %d has no id", d)
		}
		if seen[doc.ID] {
			return nil, fmt.Errorf("match: duplicate document id %q", doc.ID)
		}
		seen[doc.ID] = true
		ix.ids[d] = doc.ID
	}
	// docs is not read after the analysis, so that the collector may free them while the
	// postings are written (at 200,000 claims, 21 MB of the build's peak).
	ix.weigh(ix.analyzeDocs(docs))
	nTexts := 0
	for _, ts := range ix.texts {
		nTexts += len(ts)
		ix.maxTexts = max(ix.maxTexts, len(ts))
	}
	manyTexts := nTexts >= occurrenceMinTexts*len(ix.ids)
	if manyTexts {
		ix.indexOccurrences()
	}
	if opts.FuzzyWeight > 0 {
		eligible := func(id int32) bool {
			s := ix.terms[id]
			return s[0] != '~' && (s[0] < '0' || s[0] > '9')
		}
		ix.fuzzy = buildFuzzy(ix.terms, eligible)
		if manyTexts {
			// Words are looked up only in collections of many phrasings per document (the
			// myths): their vocabulary is small, and people's messages, misspelled, are what
			// they are asked first. For a collection of short claims the index of words grows
			// with the collection's vocabulary (CheckThat! 2A: 2.8 MB more on 15.5 MB), and the
			// fact-check tier built on such collections is asked only when no myth answers.
			ix.surfaceEligible = eligible
		}
	}
	return ix, nil
}

// modelFor names the model for a collection: opts.Model, else "myths" when any document has
// phrasings, else "claims".
func modelFor(docs []Document, opts Options) string {
	if opts.Model != "" {
		return opts.Model
	}
	for _, d := range docs {
		for _, t := range d.Texts {
			if t.Kind == KindPhrasing {
				return "myths"
			}
		}
	}
	return "claims"
}

// occurrenceMinTexts is the average number of texts per document from which the features look
// up where each query term occurs (matchByOccurrence) rather than read every text of each
// candidate (matchByScan). A myth has about 120 texts, whose words are mostly not the question's:
// looking the question's up is faster (bot.Ask, 9 µs by scan, 7 µs by look-up). A fact-checked claim
// has one or two, and reading them is faster than a binary search per term (CheckThat! median
// search 75 µs by scan, 88 µs by look-up). Both compute the same features.
const occurrenceMinTexts = 8

// indexOccurrences records where each term occurs in ix.occs and ix.occAt, grouped by term, then
// in document order (as the postings are), then by text.
func (ix *Index) indexOccurrences() {
	type docOccurrence struct {
		doc int32
		occurrence
	}
	byTerm := make([][]docOccurrence, len(ix.terms))
	n := 0
	for d, texts := range ix.texts {
		note := func(id int32, text, pos int) {
			byTerm[id] = append(byTerm[id], docOccurrence{int32(d), occurrence{int32(text), int32(pos)}})
			n++
		}
		for ti, t := range texts {
			for pos, id := range t.seq {
				note(id, ti, pos)
			}
			for _, id := range t.nums {
				note(id, ti, posNum)
			}
			for _, id := range t.concepts {
				note(id, ti, posConcept)
			}
		}
	}
	ix.occs = make([]occurrence, 0, n)
	ix.occAt = make([][]int32, len(ix.postings))
	for id, ps := range ix.postings {
		at := make([]int32, len(ps)+1)
		os, j := byTerm[id], 0
		for k, p := range ps {
			at[k] = int32(len(ix.occs))
			for ; j < len(os) && os[j].doc == p.doc; j++ {
				ix.occs = append(ix.occs, os[j].occurrence)
			}
		}
		at[len(ps)] = int32(len(ix.occs))
		ix.occAt[id] = at
	}
}

// occurrencesIn returns where term id appears in document doc's texts, in text order.
func (ix *Index) occurrencesIn(id, doc int32) []occurrence {
	ps := ix.postings[id]
	lo, hi := 0, len(ps) // a binary search for doc, written out: it runs for every query term of every candidate
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); ps[m].doc < doc {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(ps) || ps[lo].doc != doc {
		return nil
	}
	at := ix.occAt[id]
	return ix.occs[at[lo]:at[lo+1]]
}

// weigh computes the idf of every term, turns the postings' raw frequencies into their BM25
// term-frequency part, and sums what the features need for each text.
func (ix *Index) weigh(docLen []float32) {
	n := float64(len(ix.ids))
	total := 0.0
	for _, l := range docLen {
		total += float64(l)
	}
	avgLen := max(total/n, 1)
	k1, b := ix.opts.K1, ix.opts.B
	ix.idf = make([]float32, len(ix.postings))
	ix.maxIDF = float32(math.Log(1 + (n-0.5)/1.5))
	for id, ps := range ix.postings {
		df := float64(len(ps))
		ix.idf[id] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
		for i, p := range ps {
			tf := float64(p.bm) / (1 - b + b*float64(docLen[p.doc])/avgLen)
			ps[i].bm = float32(tf * (k1 + 1) / (k1 + tf))
		}
	}
	ix.weighCores()
	for d := range ix.texts {
		for i := range ix.texts[d] {
			t := &ix.texts[d][i]
			ds := distinct(t.seq)
			t.idfSz = ix.idfSum(ds)
			t.nDistinct = len(ds)
			for _, id := range distinct(slices.Concat(ds, t.concepts)) {
				t.sq += ix.cosWeight(id) * ix.cosWeight(id)
			}
			t.invIDF, t.invDistinct = inverse(t.idfSz), inverse(float32(t.nDistinct))
			t.invNorm = inverse(float32(math.Sqrt(float64(t.sq))))
		}
	}
}

// weighCores copies each core term's BM25 term-frequency part from its posting (see
// coreTerm.bm). The terms are visited in the order of their ids, as each document's core terms
// are sorted, so a cursor per document finds each one where the last left off.
func (ix *Index) weighCores() {
	cursor := make([]int32, len(ix.core))
	for id, ps := range ix.postings {
		for _, p := range ps {
			core, c := ix.core[p.doc], cursor[p.doc]
			for int(c) < len(core) && core[c].id < int32(id) {
				c++
			}
			if int(c) < len(core) && core[c].id == int32(id) {
				core[c].bm = p.bm
				c++
			}
			cursor[p.doc] = c
		}
	}
}

// inverse returns 1/x, or 0 for 0.
func inverse(x float32) float32 {
	if x == 0 {
		return 0
	}
	return 1 / x
}

// langBit is the bit of a supported language in Index.termLangs, or 0 for another.
func langBit(lang string) uint8 {
	for i, l := range languages {
		if l == lang {
			return 1 << i
		}
	}
	return 0
}

// cosWeight is a term's weight in the cosine between a query and one text: its idf plus one, so
// that a word every myth shares ("immigrants") still counts toward a text's likeness.
func (ix *Index) cosWeight(id int32) float32 { return ix.idf[id] + 1 }

func (ix *Index) idfSum(ids []int32) float32 {
	var s float32
	for _, id := range ids {
		s += ix.idf[id]
	}
	return s
}

// distinct returns the ids without repeats, in first-seen order.
func distinct(ids []int32) []int32 {
	out := make([]int32, 0, len(ids))
	if len(ids) <= 24 {
		for _, id := range ids {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		return out
	}
	seen := make(map[int32]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// textLang is the language a text is analyzed in: its own, else the detected one.
func textLang(t Text) string {
	if t.Lang != "" {
		return t.Lang
	}
	return DetectLanguage(t.Text)
}

// newIndex is an empty index of n documents, ready for their analysis.
func newIndex(n int, opts Options) *Index {
	return &Index{
		opts:     opts,
		ids:      make([]string, n),
		termIDs:  map[string]int32{},
		stems:    stemCache{},
		texts:    make([][]textInfo, n),
		core:     make([][]coreTerm, n),
		media:    make([]bool, n),
		twoPhase: n >= approxMinDocs,
	}
}
