package match

import (
	"math"
	"strings"
	"testing"
)

func TestRankingScores(t *testing.T) {
	for _, c := range []struct {
		ranked, gold []string
		ap, rr, p1   float64
	}{
		{[]string{"a", "b"}, []string{"a"}, 1, 1, 1},
		{[]string{"x", "a"}, []string{"a"}, 0.5, 0.5, 0},
		{[]string{"x", "y", "z", "w", "v", "a"}, []string{"a"}, 0, 1.0 / 6, 0}, // beyond the cut of 5
		{[]string{"a", "x", "b"}, []string{"a", "b"}, (1 + 2.0/3) / 2, 1, 1},
		{[]string{"x"}, []string{"a"}, 0, 0, 0},
		{[]string{"a"}, nil, 0, 0, 0},
	} {
		ap, rr, p1 := rankingScores(c.ranked, c.gold)
		if math.Abs(ap-c.ap) > 1e-9 || math.Abs(rr-c.rr) > 1e-9 || p1 != c.p1 {
			t.Errorf("rankingScores(%v, %v) = %v, %v, %v; want %v, %v, %v", c.ranked, c.gold, ap, rr, p1, c.ap, c.rr, c.p1)
		}
	}
}

func TestReadClaims(t *testing.T) {
	docs, err := ReadClaims(strings.NewReader(`{"id": "c1", "text": "A claim.", "title": "A title"}

{"id": "c2", "text": "Another claim.", "title": "Another"}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "c1" || len(docs[0].Texts) != 2 {
		t.Fatalf("got %+v", docs)
	}
	if tx := docs[0].Texts[0]; tx.Kind != KindClaim || tx.Lang != "en" || tx.Text != "A claim." {
		t.Errorf("claim text = %+v", tx)
	}
	if tx := docs[0].Texts[1]; tx.Kind != KindTitle || tx.Text != "A title" {
		t.Errorf("title text = %+v", tx)
	}
	for _, bad := range []string{`{"id": "c1"}` + "\n" + `{"id": `, `{"text": "no id"}`} {
		if _, err := ReadClaims(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line") {
			t.Errorf("ReadClaims(%q) error = %v, want one naming the line", bad, err)
		}
	}
}

func TestReadQueries(t *testing.T) {
	qs, err := ReadQueries(strings.NewReader(`{"id": "q1", "text": "Some tweet", "gold": ["c1"], "split": "dev"}` + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || qs[0].ID != "q1" || qs[0].Text != "Some tweet" || qs[0].Split != "dev" || len(qs[0].Gold) != 1 || qs[0].Gold[0] != "c1" {
		t.Errorf("got %+v", qs)
	}
	if _, err := ReadQueries(strings.NewReader("not json\n")); err == nil {
		t.Error("want an error for a malformed line")
	}
}

func TestEvaluateRanking(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	rep := EvaluateRanking(ix, []Query{
		{ID: "1", Text: "immigrants are the reason rent is so high", Gold: []string{"rent"}},
		{ID: "2", Text: "they took our jobs", Gold: []string{"rent"}}, // rent is not even retrieved
	})
	if rep.Queries != 2 || rep.P1 != 0.5 || rep.MAP5 != 0.5 || rep.MRR != 0.5 {
		t.Errorf("got %+v", rep)
	}
	if rep := EvaluateRanking(ix, nil); rep.Queries != 0 || rep.MAP5 != 0 {
		t.Errorf("no queries: got %+v", rep)
	}
}
