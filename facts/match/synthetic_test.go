package match

import (
	"sync"
	"testing"
)

// synth200k is the index of synthesizeClaims' 200,000 claims, built once per test run: several
// tests search it, and a build takes seconds.
var synth200k struct {
	once sync.Once
	ix   *Index
	err  error
}

// synthetic200k returns the index of the 200,000 synthetic claims, or skips as loadCheckThat.
func synthetic200k(tb testing.TB) *Index {
	tb.Helper()
	docs, _ := loadCheckThat(tb)
	synth200k.once.Do(func() { synth200k.ix, synth200k.err = Build(synthesizeClaims(docs, 200_000), DefaultOptions()) })
	if synth200k.err != nil {
		tb.Fatal(synth200k.err)
	}
	return synth200k.ix
}
