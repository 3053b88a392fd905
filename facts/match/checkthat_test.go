package match

import (
	"os"
	"path/filepath"
	"testing"
)

// benchDir is the shared CheckThat! 2A data, read in place (it must never be copied here).
const benchDir = "../../../shared/bench/checkthat2022-2a"

// loadCheckThat returns the claim collection and the queries, or skips when the data is absent.
func loadCheckThat(tb testing.TB) ([]Document, []Query) {
	tb.Helper()
	if raceEnabled || testing.Short() {
		tb.Skip("CheckThat! measurements skipped under -race and -short")
	}
	cf, err := os.Open(filepath.Join(benchDir, "claims.jsonl"))
	if os.IsNotExist(err) {
		tb.Skip("CheckThat! data not present at " + benchDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer cf.Close()
	docs, err := ReadClaims(cf)
	if err != nil {
		tb.Fatal(err)
	}
	qf, err := os.Open(filepath.Join(benchDir, "queries.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer qf.Close()
	qs, err := ReadQueries(qf)
	if err != nil {
		tb.Fatal(err)
	}
	return docs, qs
}

func splitQueries(qs []Query, split string) []Query {
	var out []Query
	for _, q := range qs {
		if q.Split == split {
			out = append(out, q)
		}
	}
	return out
}

func TestCheckThatRanking(t *testing.T) {
	docs, qs := loadCheckThat(t)
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		split string
		min   float64
	}{{"dev", 0.90}, {"train", 0.82}} {
		rep := EvaluateRanking(ix, splitQueries(qs, c.split))
		t.Logf("%s: %+v", c.split, rep)
		if rep.MAP5 < c.min {
			t.Errorf("%s MAP@5 = %.4f, want >= %.2f", c.split, rep.MAP5, c.min)
		}
	}
}

// TestCheckThatCalibration checks the claims model's confidence on dev (it was fitted on train):
// the top result's confidence should match how often it is right.
func TestCheckThatCalibration(t *testing.T) {
	docs, qs := loadCheckThat(t)
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, split := range []string{"train", "dev"} {
		var mq []mythQuery
		for _, q := range splitQueries(qs, split) {
			mq = append(mq, mythQuery{Text: q.Text, Gold: q.Gold})
		}
		ece, brier := calibration(ix, mq)
		t.Logf("%s: expected calibration error %.3f, Brier score %.3f", split, ece, brier)
		if ece > 0.15 {
			t.Errorf("%s: ECE %.3f, want <= 0.15", split, ece)
		}
	}
}
