package openai_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"factline/adapters/openai"
	"factline/adapters/openai/openaitest"
	"factline/adapters/vectorfile"
	"factline/bot"
	"factline/facts"
)

// lexical is a stand-in lexical ranking with set confidences, so the fusion can be tested apart
// from the lexical matcher's own choices.
type lexical struct {
	base  *facts.Base
	order []string
	confs []float64
}

func (l lexical) Base() *facts.Base              { return l.base }
func (l lexical) Terms(string, string) bot.Terms { return bot.Terms{} }
func (l lexical) Match(_ context.Context, _, _ string, k int) []facts.Candidate {
	var out []facts.Candidate
	for i, id := range l.order {
		out = append(out, facts.Candidate{Myth: l.base.Myth(id), Confidence: l.confs[i]})
	}
	return out[:min(k, len(out))]
}

var jobWord = regexp.MustCompile(`(?i)job|emploi|empleo|trabajo`)

// topicVectors embeds texts about jobs as one direction and everything else as another.
func topicVectors(inputs []string) openaitest.Response {
	var vs [][]float32
	for _, in := range inputs {
		if jobWord.MatchString(in) {
			vs = append(vs, []float32{1, 0.1})
		} else {
			vs = append(vs, []float32{0.1, 1})
		}
	}
	return openaitest.Response{Vectors: vs}
}

func ids(cs []facts.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Myth.ID)
	}
	return out
}

func TestSemanticFusion(t *testing.T) {
	base := builtinIndex(t).Base()
	nearTie := lexical{base, []string{"housing", "jobs", "wages"}, []float64{0.72, 0.68, 0.55}}
	clear := lexical{base, []string{"housing", "jobs", "wages"}, []float64{0.9, 0.3, 0.2}}
	tests := []struct {
		name        string
		lex         lexical
		queryFails  bool
		wantOrder   []string
		wantQueries int
	}{
		{"embeddings decide a near tie", nearTie, false, []string{"jobs", "housing", "wages"}, 1},
		{"a clear lexical winner stays", clear, false, []string{"housing", "jobs", "wages"}, 0},
		{"embeddings down: lexical alone", nearTie, true, []string{"housing", "jobs", "wages"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := openaitest.New()
			defer fake.Close()
			var queries atomic.Int32
			fake.Embed = func(in []string) openaitest.Response {
				if len(in) == 1 { // a question; the fact base goes in batches
					queries.Add(1)
					if tt.queryFails {
						return openaitest.Response{Status: http.StatusInternalServerError}
					}
				}
				return topicVectors(in)
			}
			sem := bot.NewSemantic(bot.SemanticOptions{Embedder: openai.New(openai.Options{BaseURL: fake.URL(), EmbeddingsModel: "fake-embed"})})
			m := sem.Wrap(tt.lex)
			if err := sem.Warm(context.Background()); err != nil {
				t.Fatal(err)
			}
			for range 2 { // the second match checks that a failed server is not asked again at once
				got := m.Match(context.Background(), "they steal our jobs", "en", 3)
				if !slices.Equal(ids(got), tt.wantOrder) {
					t.Errorf("order %v, want %v", ids(got), tt.wantOrder)
				}
				for _, c := range got {
					if want := tt.lex.confs[slices.Index(tt.lex.order, c.Myth.ID)]; c.Confidence != want {
						t.Errorf("%s confidence %v, want the lexical %v", c.Myth.ID, c.Confidence, want)
					}
				}
			}
			want := tt.wantQueries * 2
			if tt.queryFails {
				want = 1 // after a failure the server is left alone for RetryAfter
			}
			if got := int(queries.Load()); got != want {
				t.Errorf("%d question embeddings, want %d", got, want)
			}
		})
	}
}

// TestSemanticThroughBot checks that the bot, given the fused ranking, keeps its careful outcome:
// the embeddings' choice comes first, and the close lexical rival is offered as ambiguous.
func TestSemanticThroughBot(t *testing.T) {
	base := builtinIndex(t).Base()
	fake := openaitest.New()
	defer fake.Close()
	fake.Embed = topicVectors
	sem := bot.NewSemantic(bot.SemanticOptions{Embedder: openai.New(openai.Options{BaseURL: fake.URL(), EmbeddingsModel: "fake-embed"})})
	b := bot.New(bot.Options{Matcher: sem.Wrap(lexical{base, []string{"housing", "jobs", "wages"}, []float64{0.72, 0.68, 0.55}})})
	if err := sem.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	ans, err := b.Ask(context.Background(), bot.Request{Text: "they steal our jobs", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Match == nil || ans.Match.ID != "jobs" || ans.Outcome != bot.Ambiguous || len(ans.Alternatives) == 0 || ans.Alternatives[0].ID != "housing" {
		t.Errorf("outcome %s match %+v alternatives %+v; want jobs, ambiguous with housing", ans.Outcome, ans.Match, ans.Alternatives)
	}
}

func TestSemanticNotWarmed(t *testing.T) {
	base := builtinIndex(t).Base()
	fake := openaitest.New()
	defer fake.Close()
	fake.Embed = func([]string) openaitest.Response { return openaitest.Response{Status: http.StatusServiceUnavailable} }
	sem := bot.NewSemantic(bot.SemanticOptions{Embedder: openai.New(openai.Options{BaseURL: fake.URL(), EmbeddingsModel: "fake-embed"})})
	m := sem.Wrap(lexical{base, []string{"housing", "jobs"}, []float64{0.62, 0.58}})
	if err := sem.Warm(context.Background()); err == nil {
		t.Fatal("Warm succeeded against a failing server")
	}
	before := len(fake.Received("/v1/embeddings"))
	if got := ids(m.Match(context.Background(), "they steal our jobs", "en", 2)); !slices.Equal(got, []string{"housing", "jobs"}) {
		t.Errorf("order %v, want the lexical one", got)
	}
	if n := len(fake.Received("/v1/embeddings")) - before; n != 0 {
		t.Errorf("%d embeddings requests without myth vectors, want 0", n)
	}
}

// TestSemanticDiskCache checks that myth vectors survive a restart: the second process embeds
// only questions.
func TestSemanticDiskCache(t *testing.T) {
	base := builtinIndex(t).Base()
	dir := t.TempDir()
	lex := lexical{base, []string{"housing", "jobs", "wages"}, []float64{0.72, 0.68, 0.55}}

	first := openaitest.New()
	defer first.Close()
	first.Embed = topicVectors
	sem := bot.NewSemantic(bot.SemanticOptions{Embedder: openai.New(openai.Options{BaseURL: first.URL(), EmbeddingsModel: "nomic-embed-text:v1.5"}), Cache: vectorfile.New(dir, "nomic-embed-text:v1.5")})
	sem.Wrap(lex)
	if err := sem.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "embeddings-nomic-embed-text_v1.5.json")); err != nil {
		t.Fatalf("no cache file: %v", err)
	}

	second := openaitest.New()
	defer second.Close()
	second.Embed = func(in []string) openaitest.Response {
		if len(in) > 1 {
			t.Errorf("the fact base was embedded again (%d texts)", len(in))
		}
		return topicVectors(in)
	}
	sem2 := bot.NewSemantic(bot.SemanticOptions{Embedder: openai.New(openai.Options{BaseURL: second.URL(), EmbeddingsModel: "nomic-embed-text:v1.5"}), Cache: vectorfile.New(dir, "nomic-embed-text:v1.5")})
	m := sem2.Wrap(lex)
	if err := sem2.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := ids(m.Match(context.Background(), "they steal our jobs", "en", 3)); got[0] != "jobs" {
		t.Errorf("order %v: the cached vectors were not used", got)
	}
}

// TestSemanticRunStops checks that Run, with nothing left to embed, returns when its context ends.
func TestSemanticRunStops(t *testing.T) {
	fake := openaitest.New()
	defer fake.Close()
	fake.Embed = topicVectors
	sem := bot.NewSemantic(bot.SemanticOptions{Embedder: openai.New(openai.Options{BaseURL: fake.URL(), EmbeddingsModel: "e"})})
	sem.Wrap(builtinIndex(t))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sem.Run(ctx) }()
	if err := sem.Warm(ctx); err != nil { // embeds alongside Run, or finds the work done
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

// TestSemanticQueryFollowsTheAskersContext checks that embedding a question stops when the asker's
// context does, well before the semantic query timeout: a question whose asker left costs nothing.
func TestSemanticQueryFollowsTheAskersContext(t *testing.T) {
	base := builtinIndex(t).Base()
	fake := openaitest.New()
	defer fake.Close()
	fake.Embed = func(in []string) openaitest.Response {
		if len(in) == 1 {
			return openaitest.Response{Hang: true}
		}
		return topicVectors(in)
	}
	sem := bot.NewSemantic(bot.SemanticOptions{
		Embedder:     openai.New(openai.Options{BaseURL: fake.URL(), EmbeddingsModel: "e", Timeout: time.Minute}),
		QueryTimeout: time.Minute,
	})
	m := sem.Wrap(lexical{base, []string{"housing", "jobs"}, []float64{0.72, 0.68}})
	if err := sem.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	got := m.Match(ctx, "they steal our jobs", "en", 2)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Match took %v after its context ended", d)
	}
	if !slices.Equal(ids(got), []string{"housing", "jobs"}) {
		t.Errorf("order %v, want the lexical order", ids(got))
	}
}
