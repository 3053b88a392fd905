package match

import (
	"errors"
	"fmt"
	"math"
)

// posting is one document containing a term, with the field-weighted term frequency.
type posting struct {
	doc int32
	tf  float32
}

// Index is an immutable, analyzed collection of documents. Search is safe for concurrent use.
type Index struct {
	opts     Options
	ids      []string
	docLen   []float32 // field-weighted length
	avgLen   float64
	termIDs  map[string]int32
	postings [][]posting
	idf      []float32
	stems    stemCache
}

// Build analyzes and indexes docs. Documents need a unique, non-empty ID and at least one text.
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
	}
	seen := make(map[string]bool, len(docs))
	tf := map[int32]float32{}
	total := 0.0
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
		for _, t := range doc.Texts {
			w := float32(opts.weight(t.Kind))
			for _, tm := range analyze(t.Text, textLang(t), ix.stems, true, true) {
				tf[ix.termID(tm.stem)] += w
				ix.docLen[d] += w
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
	for id, ps := range ix.postings {
		df := float64(len(ps))
		ix.idf[id] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
	}
	return ix, nil
}

func (ix *Index) termID(s string) int32 {
	if id, ok := ix.termIDs[s]; ok {
		return id
	}
	id := int32(len(ix.postings))
	ix.termIDs[s] = id
	ix.postings = append(ix.postings, nil)
	return id
}

// textLang is the language a text is analyzed in: its own, else the detected one.
func textLang(t Text) string {
	if t.Lang != "" {
		return t.Lang
	}
	return DetectLanguage(t.Text)
}
