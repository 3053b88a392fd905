package bot

import (
	"context"
	"log/slog"
	"maps"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"factline/facts"
)

// Embedder turns texts into vectors, one per text, in order; adapters/openai implements it.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// VectorCache keeps the vectors of myths across restarts, by myth content hash, for one
// embeddings model; adapters/vectorfile implements it.
type VectorCache interface {
	Load() (map[string][][]float32, error)
	Save(vectors map[string][][]float32) error
}

// SemanticOptions configure semantic matching. Embedder is required.
type SemanticOptions struct {
	Embedder Embedder
	// Cache keeps myth vectors across restarts; nil keeps them in memory only.
	Cache VectorCache
	// QueryTimeout bounds embedding one question, apart from the Client's timeout: the asker is
	// waiting, and the lexical ranking is ready. 0 means 2 s.
	QueryTimeout time.Duration
	// RetryAfter is how long the lexical matcher answers alone after the server failed. 0 means 30 s.
	RetryAfter time.Duration
	// Band is how close to the best lexical confidence a candidate must be for the embeddings to
	// reorder it. 0 means DefaultBand.
	Band   float64
	Logger *slog.Logger
}

// DefaultBand lets the embeddings decide between lexical near-ties only. The lexical confidence
// is calibrated and the cosine similarity is not (its scale differs from model to model), so the
// embeddings never overrule a clear lexical winner nor raise a confidence.
const DefaultBand = 0.15

// rrfK is the usual constant of reciprocal-rank fusion (Cormack et al., 2009).
const rrfK = 60

// Semantic fuses embedding similarity with a lexical Matcher. Wrap it around each Matcher the
// bot serves; Run embeds their myths in the background. Until every candidate myth has vectors,
// and whenever the server fails, the lexical matcher answers alone.
type Semantic struct {
	emb          Embedder
	cache        VectorCache
	queryTimeout time.Duration
	retryAfter   time.Duration
	band         float64
	log          *slog.Logger

	loadOnce sync.Once
	warmMu   sync.Mutex // one Warm at a time, so no myth is embedded twice
	mu       sync.RWMutex
	vectors  map[string][][]float32 // by myth content hash
	latest   *facts.Base            // the last base wrapped, to embed
	wake     chan struct{}
	down     atomic.Int64 // unix nanoseconds until which the server is not asked
}

// NewSemantic returns semantic matching with opts.Embedder; it does no I/O.
func NewSemantic(opts SemanticOptions) *Semantic {
	s := &Semantic{
		emb: opts.Embedder, cache: opts.Cache, queryTimeout: opts.QueryTimeout, retryAfter: opts.RetryAfter, band: opts.Band,
		log: opts.Logger, vectors: map[string][][]float32{}, wake: make(chan struct{}, 1),
	}
	if s.queryTimeout <= 0 {
		s.queryTimeout = 2 * time.Second
	}
	if s.retryAfter <= 0 {
		s.retryAfter = 30 * time.Second
	}
	if s.band <= 0 {
		s.band = DefaultBand
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// Wrap returns m with the semantic signal fused in, and schedules m's myths for embedding.
func (s *Semantic) Wrap(m Matcher) Matcher {
	s.mu.Lock()
	s.latest = m.Base()
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return &semanticMatcher{lex: m, s: s}
}

// Run loads the cached vectors, then embeds the myths of each wrapped base that lack them, until
// ctx ends. A failure is retried after RetryAfter.
func (s *Semantic) Run(ctx context.Context) error {
	for {
		retry := (<-chan time.Time)(nil)
		if err := s.Warm(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.Warn("embedding the fact base failed: matching is lexical only until it succeeds", "err", err, "retry_in", s.retryAfter)
			retry = time.After(s.retryAfter)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake:
		case <-retry:
		}
	}
}

// Warm embeds the myths of the latest wrapped base that have no vectors yet, and saves them. The
// first call reads the cache on disk.
func (s *Semantic) Warm(ctx context.Context) error {
	s.loadOnce.Do(s.load)
	s.warmMu.Lock()
	defer s.warmMu.Unlock()
	s.mu.RLock()
	base := s.latest
	var missing []*facts.Myth
	if base != nil {
		for _, m := range base.Myths {
			if _, ok := s.vectors[m.Hash]; !ok {
				missing = append(missing, m)
			}
		}
	}
	s.mu.RUnlock()
	if len(missing) == 0 {
		return nil
	}
	var texts []string
	var owners []string // the hash of each text's myth
	for _, m := range missing {
		for _, t := range mythTexts(m) {
			texts = append(texts, t)
			owners = append(owners, m.Hash)
		}
	}
	vecs, err := s.emb.Embed(ctx, texts)
	if err != nil {
		return err
	}
	s.mu.Lock()
	for i, v := range vecs {
		s.vectors[owners[i]] = append(s.vectors[owners[i]], normalize(v))
	}
	s.mu.Unlock()
	s.log.Info("fact base embedded", "myths", len(missing), "texts", len(texts))
	return s.save()
}

// load reads the cached vectors; a missing or unreadable cache only means embedding again.
func (s *Semantic) load() {
	if s.cache == nil {
		return
	}
	loaded, err := s.cache.Load()
	if err != nil {
		s.log.Warn("embeddings cache ignored", "err", err)
		return
	}
	s.mu.Lock()
	for h, v := range loaded {
		if _, ok := s.vectors[h]; !ok {
			s.vectors[h] = v
		}
	}
	s.mu.Unlock()
	if len(loaded) > 0 {
		s.log.Info("embeddings cache loaded", "myths", len(loaded))
	}
}

// save writes the vectors of every myth embedded so far.
func (s *Semantic) save() error {
	if s.cache == nil {
		return nil
	}
	s.mu.RLock()
	vectors := maps.Clone(s.vectors)
	s.mu.RUnlock()
	return s.cache.Save(vectors)
}

// mythTexts are what a question is compared with: each language's claim, title and phrasings.
func mythTexts(m *facts.Myth) []string {
	var out []string
	for _, l := range m.Langs() {
		t := m.Texts[l]
		out = append(out, t.Claim, t.Title)
		out = append(out, t.Phrasings...)
	}
	return out
}

type semanticMatcher struct {
	lex Matcher
	s   *Semantic
}

func (sm *semanticMatcher) Base() *facts.Base { return sm.lex.Base() }

// Terms is the lexical matcher's: the guards need the same likeness whether or not
// embeddings are on, and it must not cost a call to the server.
func (sm *semanticMatcher) Terms(text, lang string) Terms { return sm.lex.Terms(text, lang) }

// Match ranks with the lexical matcher, then lets the embeddings reorder the candidates whose
// lexical confidence is within the band of the best, by reciprocal-rank fusion. Confidences stay
// the lexical, calibrated ones, so abstaining is never less careful than the lexical matcher alone.
func (sm *semanticMatcher) Match(ctx context.Context, text, lang string, k int) []facts.Candidate {
	cands := sm.lex.Match(ctx, text, lang, max(k, 10))
	out := sm.s.fuse(ctx, text, cands)
	return out[:min(k, len(out))]
}

func (s *Semantic) fuse(ctx context.Context, text string, cands []facts.Candidate) []facts.Candidate {
	if len(cands) < 2 || time.Now().UnixNano() < s.down.Load() {
		return cands
	}
	near := 1
	for near < len(cands) && cands[near].Confidence >= cands[0].Confidence-s.band {
		near++
	}
	if near < 2 {
		return cands // a clear lexical winner: nothing for the embeddings to decide
	}
	s.mu.RLock()
	vecs := make([][][]float32, near)
	for i, c := range cands[:near] {
		vecs[i] = s.vectors[c.Myth.Hash]
	}
	s.mu.RUnlock()
	if slices.ContainsFunc(vecs, func(v [][]float32) bool { return len(v) == 0 }) {
		return cands // not embedded yet
	}
	ctx, cancel := context.WithTimeout(ctx, s.queryTimeout)
	defer cancel()
	// Scrubbed as for paraphrases: nothing that identifies anyone leaves for the server.
	q, err := s.emb.Embed(ctx, []string{Scrub(text)})
	if err != nil {
		s.down.Store(time.Now().Add(s.retryAfter).UnixNano())
		s.log.Debug("question not embedded: lexical ranking used", "err", err)
		return cands
	}
	qv := normalize(q[0])
	sims := make([]float64, near)
	for i, vs := range vecs {
		sims[i] = math.Inf(-1)
		for _, v := range vs {
			sims[i] = max(sims[i], dot(qv, v))
		}
	}
	semRank := rankOf(sims)
	type scored struct {
		c     facts.Candidate
		score float64
		sem   int
	}
	fused := make([]scored, near)
	for i := range near {
		fused[i] = scored{cands[i], 1/float64(rrfK+i+1) + 1/float64(rrfK+semRank[i]+1), semRank[i]}
	}
	// Two rankings that swap two candidates tie; the embeddings break the tie, since deciding
	// between lexical near-ties is what they are asked for.
	slices.SortStableFunc(fused, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return a.sem - b.sem
	})
	out := make([]facts.Candidate, 0, len(cands))
	for _, f := range fused {
		out = append(out, f.c)
	}
	return append(out, cands[near:]...)
}

// rankOf returns each score's rank, 0 for the highest.
func rankOf(scores []float64) []int {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	rank := make([]int, len(scores))
	for r, i := range idx {
		rank[i] = r
	}
	return rank
}

// normalize returns v scaled to unit length, so a dot product is the cosine similarity.
func normalize(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if sum == 0 {
		return out
	}
	n := math.Sqrt(sum)
	for i, x := range v {
		out[i] = float32(float64(x) / n)
	}
	return out
}

func dot(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.Inf(-1) // vectors from another model: never similar
	}
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
