package blevebench

import (
	"os"
	"path/filepath"
	"testing"

	"factline/facts/match"
)

// benchDir is the shared CheckThat! 2A data, read in place.
const benchDir = "../../../../../shared/bench/checkthat2022-2a"

func load(tb testing.TB) ([]match.Document, []match.Query) {
	tb.Helper()
	cf, err := os.Open(filepath.Join(benchDir, "claims.jsonl"))
	if os.IsNotExist(err) {
		tb.Skip("CheckThat! data not present at " + benchDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer cf.Close()
	docs, err := match.ReadClaims(cf)
	if err != nil {
		tb.Fatal(err)
	}
	qf, err := os.Open(filepath.Join(benchDir, "queries.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer qf.Close()
	qs, err := match.ReadQueries(qf)
	if err != nil {
		tb.Fatal(err)
	}
	return docs, qs
}
