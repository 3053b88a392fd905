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
}

// coreTerm is a term found in a good share of a document's texts: what the claim is about,
// whichever way it is phrased.
type coreTerm struct {
	id    int32
	share float32
	topic bool // a concept term in half the document's texts or more: a main topic
}

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
	core     [][]coreTerm
	media    []bool // the document speaks of a photo, video or image
	fuzzy    fuzzyIndex
	scratch  sync.Pool
}

// Build analyzes and indexes docs. Documents need a unique, non-empty ID.
func Build(docs []Document, opts Options) (*Index, error) {
	if len(docs) == 0 {
		return nil, errors.New("match: no documents to index")
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	ix := &Index{
		opts:    opts,
		ids:     make([]string, len(docs)),
		termIDs: map[string]int32{},
		stems:   stemCache{},
		texts:   make([][]textInfo, len(docs)),
		core:    make([][]coreTerm, len(docs)),
		media:   make([]bool, len(docs)),
	}
	if opts.RerankDepth > 0 {
		name := modelFor(docs, opts)
		if ix.model = models[name]; ix.model == nil {
			return nil, fmt.Errorf("match: unknown model %q", name)
		}
	}
	seen := make(map[string]bool, len(docs))
	docLen := make([]float32, len(docs)) // field-weighted
	for d, doc := range docs {
		if doc.ID == "" {
			return nil, fmt.Errorf("match: document %d has no id", d)
		}
		if seen[doc.ID] {
			return nil, fmt.Errorf("match: duplicate document id %q", doc.ID)
		}
		seen[doc.ID] = true
		ix.ids[d] = doc.ID
		docLen[d] = ix.add(int32(d), doc.Texts)
	}
	ix.weigh(docLen)
	if opts.FuzzyWeight > 0 {
		ix.fuzzy = buildFuzzy(ix.terms, func(id int32) bool {
			s := ix.terms[id]
			return s[0] != '~' && (s[0] < '0' || s[0] > '9')
		})
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

// add analyzes the texts of document d into its postings (raw field-weighted frequencies, see
// weigh), texts and core terms, and returns its field-weighted length.
func (ix *Index) add(d int32, texts []Text) float32 {
	tf := map[int32]float32{}
	inTexts := map[int32]int{} // number of the document's texts containing each term
	var length float32
	for _, t := range texts {
		w := float32(ix.opts.weight(t.Kind))
		var info textInfo
		for _, tm := range analyze(t.Text, textLang(t), ix.stems, true, true) {
			id := ix.termID(tm.stem)
			tf[id] += w
			switch {
			case tm.concept:
				info.concepts = append(info.concepts, id)
				continue // concepts score but do not count toward the text's length
			case tm.num:
				info.nums = append(info.nums, id)
			default:
				info.seq = append(info.seq, id)
			}
			length += w
			if mediaStems[tm.stem] {
				ix.media[d] = true
			}
		}
		if len(info.seq)+len(info.nums) > 0 {
			ix.texts[d] = append(ix.texts[d], info)
			for _, id := range distinct(slices.Concat(info.seq, info.nums, info.concepts)) {
				inTexts[id]++
			}
		}
	}
	for id, n := range inTexts {
		if share := float32(n) / float32(len(ix.texts[d])); share >= minCoreShare {
			topic := share >= 0.5 && ix.terms[id][0] == '~'
			ix.core[d] = append(ix.core[d], coreTerm{id: id, share: share, topic: topic})
		}
	}
	slices.SortFunc(ix.core[d], func(a, b coreTerm) int { return int(a.id - b.id) }) // deterministic sums
	for id, f := range tf {
		ix.postings[id] = append(ix.postings[id], posting{doc: d, bm: f})
	}
	return length
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
	for d := range ix.texts {
		for i := range ix.texts[d] {
			t := &ix.texts[d][i]
			ds := distinct(t.seq)
			t.idfSz = ix.idfSum(ds)
			t.nDistinct = len(ds)
			for _, id := range distinct(slices.Concat(ds, t.concepts)) {
				t.sq += ix.cosWeight(id) * ix.cosWeight(id)
			}
		}
	}
}

func (ix *Index) termID(s string) int32 {
	if id, ok := ix.termIDs[s]; ok {
		return id
	}
	id := int32(len(ix.postings))
	ix.termIDs[s] = id
	ix.terms = append(ix.terms, s)
	ix.postings = append(ix.postings, nil)
	return id
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
