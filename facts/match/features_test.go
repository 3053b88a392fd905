package match

import (
	"math"
	"slices"
	"testing"
)

// TestTextMatchStrategiesAgree computes what every myth's texts share with every labelled
// message both ways, by looking the query's terms up and by reading every text: the terms found,
// the word pairs and the year must be equal, the best ratios equal but for the order of float
// sums.
func TestTextMatchStrategiesAgree(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ix.occs == nil {
		t.Fatal("the myths, with many texts each, should be matched by occurrence")
	}
	s := ix.getScratch()
	s.stamp = make([]uint32, len(ix.terms)) // matchByScan's room, which this index does not need
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) <= 1e-5*math.Max(1, math.Abs(float64(a))) }
	queries := loadMythQueries(t, "all")
	compared := 0
	for _, q := range append(queries, mythQuery{Text: "the 2020 numbers lie — Jane Doe (@jdoe) March 3, 2020"}) {
		pq := ix.parseQuery(q.Text, "", s)
		s.hit = make([]bool, len(pq.terms))
		for d := range ix.ids {
			clear(s.hit)
			byOcc := ix.matchByOccurrence(&pq, int32(d), s)
			hitOcc := slices.Clone(s.hit)
			clear(s.hit)
			byScan := ix.matchByScan(&pq, int32(d), s)
			if !slices.Equal(hitOcc, s.hit) || byOcc.pairs != byScan.pairs || byOcc.year != byScan.year ||
				!near(byOcc.dcov, byScan.dcov) || !near(byOcc.flat, byScan.flat) || !near(byOcc.dot, byScan.dot) {
				t.Fatalf("%q, %s: by occurrence %+v %v, by scan %+v %v", q.Text, ix.ids[d], byOcc, hitOcc, byScan, s.hit)
			}
			if byScan.dcov > 0 {
				compared++
			}
		}
		pq.unmark(s)
	}
	if compared < len(queries) {
		t.Errorf("only %d document-query pairs shared a word", compared)
	}

	few, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if few.occs != nil {
		t.Error("documents of a few texts each should be matched by scan")
	}
}
