// Package factstest gives tests the built-in fact base, loaded and indexed once per test binary.
package factstest

import (
	"sync"
	"testing"

	"factline/facts"
	"factline/facts/match"
)

var builtin = sync.OnceValues(func() (*facts.Index, error) {
	base, err := facts.Load(facts.Builtin())
	if err != nil {
		return nil, err
	}
	return facts.NewIndex(base, match.DefaultOptions())
})

// Index returns the index of the built-in fact base, failing the test if the base does not load.
// The index is read-only, so tests may share it.
func Index(tb testing.TB) *facts.Index {
	tb.Helper()
	ix, err := builtin()
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}
