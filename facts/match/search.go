package match

import (
	"math"
	"sort"
)

// Search returns up to k results, best first. langHint is a language code or "" (detect).
func (ix *Index) Search(query string, langHint string, k int) []Result {
	if ix == nil || k <= 0 {
		return nil
	}
	lang := langHint
	if lang == "" {
		lang = DetectLanguage(query)
	}
	qtf := map[int32]float64{}
	for _, tm := range analyze(query, lang, ix.stems, false, true) {
		if id, ok := ix.termIDs[tm.stem]; ok {
			qtf[id]++
		}
	}
	scores := map[int32]float64{}
	k1, b := ix.opts.K1, ix.opts.B
	for id, q := range qtf {
		idf := float64(ix.idf[id])
		for _, p := range ix.postings[id] {
			tf := float64(p.tf) / (1 - b + b*float64(ix.docLen[p.doc])/ix.avgLen)
			scores[p.doc] += q * idf * tf * (k1 + 1) / (k1 + tf)
		}
	}
	res := make([]Result, 0, len(scores))
	for d, s := range scores {
		res = append(res, Result{ID: ix.ids[d], Score: s})
	}
	sort.Slice(res, func(i, j int) bool {
		if res[i].Score != res[j].Score {
			return res[i].Score > res[j].Score
		}
		return res[i].ID < res[j].ID
	})
	if len(res) > k {
		res = res[:k]
	}
	for i := range res {
		res[i].Confidence = 1 - math.Exp(-res[i].Score/10)
	}
	return res
}
