package match

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// posting is one document containing a term, with the field-weighted term frequency.
type posting struct {
	doc int32
	tf  float32
}

// textInfo keeps one analyzed text of a document for the re-ranking features.
type textInfo struct {
	kind     Kind
	seq      []int32 // word terms in order (no concept terms)
	concepts []int32 // concept terms
	nums     []int32 // number terms
	idfSz    float32 // sum of idf over the distinct terms of seq
}

// coreTerm is a term found in a good share of a document's texts: what the claim is about,
// whichever way it is phrased.
type coreTerm struct {
	id    int32
	share float32
}

// minCoreShare is the share of a document's texts a term must appear in to be a core term.
const minCoreShare = 0.2

// Index is an immutable, analyzed collection of documents. Search is safe for concurrent use.
type Index struct {
	opts     Options
	model    *model
	ids      []string
	docLen   []float32 // field-weighted length
	avgLen   float64
	termIDs  map[string]int32
	terms    []string
	postings [][]posting
	idf      []float32
	maxIDF   float32
	stems    stemCache
	texts    [][]textInfo
	core     [][]coreTerm
	fuzzy    fuzzyIndex
	scratch  sync.Pool
}

// Build analyzes and indexes docs. Documents need a unique, non-empty ID.
func Build(docs []Document, opts Options) (*Index, error) {
	if len(docs) == 0 {
		return nil, errors.New("match: no documents to index")
	}
	ix := &Index{
		opts:    opts,
		ids:     make([]string, len(docs)),
		docLen:  make([]float32, len(docs)),
		termIDs: map[string]int32{},
		stems:   stemCache{},
		texts:   make([][]textInfo, len(docs)),
		core:    make([][]coreTerm, len(docs)),
	}
	seen := make(map[string]bool, len(docs))
	tf := map[int32]float32{}
	inTexts := map[int32]int{} // number of the document's texts containing each term
	total := 0.0
	phrasings := false
	for d, doc := range docs {
		if doc.ID == "" {
			return nil, fmt.Errorf("match: document %d has no id", d)
		}
		if seen[doc.ID] {
			return nil, fmt.Errorf("match: duplicate document id %q", doc.ID)
		}
		seen[doc.ID] = true
		ix.ids[d] = doc.ID
		clear(tf)
		clear(inTexts)
		nTexts := 0
		for _, t := range doc.Texts {
			phrasings = phrasings || t.Kind == KindPhrasing
			w := float32(opts.weight(t.Kind))
			info := textInfo{kind: t.Kind}
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
				ix.docLen[d] += w
			}
			if len(info.seq)+len(info.nums) > 0 {
				ix.texts[d] = append(ix.texts[d], info)
				nTexts++
				for _, id := range distinct(slices.Concat(info.seq, info.nums, info.concepts)) {
					inTexts[id]++
				}
			}
		}
		for id, n := range inTexts {
			if share := float32(n) / float32(nTexts); share >= minCoreShare {
				ix.core[d] = append(ix.core[d], coreTerm{id: id, share: share})
			}
		}
		for id, f := range tf {
			ix.postings[id] = append(ix.postings[id], posting{doc: int32(d), tf: f})
		}
		total += float64(ix.docLen[d])
	}
	ix.avgLen = max(total/float64(len(docs)), 1)
	n := float64(len(docs))
	ix.idf = make([]float32, len(ix.postings))
	ix.maxIDF = float32(math.Log(1 + (n-0.5)/1.5))
	for id, ps := range ix.postings {
		df := float64(len(ps))
		ix.idf[id] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
	}
	for d := range ix.texts {
		for i := range ix.texts[d] {
			ix.texts[d][i].idfSz = ix.idfSum(distinct(ix.texts[d][i].seq))
		}
	}
	if opts.FuzzyWeight > 0 {
		ix.fuzzy = buildFuzzy(ix.terms, func(id int32) bool {
			s := ix.terms[id]
			return s[0] != '~' && (s[0] < '0' || s[0] > '9')
		})
	}
	name := opts.Model
	if name == "" {
		name = "claims"
		if phrasings {
			name = "myths"
		}
	}
	ix.model = models[name]
	if opts.RerankDepth > 0 && ix.model == nil {
		return nil, fmt.Errorf("match: unknown model %q", name)
	}
	return ix, nil
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
