package facts

import (
	"context"
	"fmt"

	"factline/facts/match"
)

// Candidate is a myth that may answer a text, with the matcher's calibrated confidence.
type Candidate struct {
	Myth *Myth
	// Confidence estimates the probability that Myth is the right answer, in [0,1].
	Confidence float64
}

// Index matches a text to the myths of one Base.
type Index struct {
	base *Base
	ix   *match.Index
}

// mythRerankDepth caps how many BM25 candidates the matcher re-ranks for the myths. The bot reads
// at most four, and on the labelled sets (facts/match/testdata, 767 messages) the right myth is
// always among BM25's first five, so answers are the same as with the matcher's default depth of
// 20, at two thirds of the cost of a question.
const mythRerankDepth = 6

// mythOptions caps the re-rank depth at mythRerankDepth, for every index of myths.
func mythOptions(opts match.Options) match.Options {
	opts.RerankDepth = min(opts.RerankDepth, mythRerankDepth)
	return opts
}

// NewIndex indexes every myth's titles, claims and phrasings in all languages. It re-ranks at most
// mythRerankDepth candidates.
func NewIndex(b *Base, opts match.Options) (*Index, error) {
	ix, err := match.Build(Documents(b), mythOptions(opts))
	if err != nil {
		return nil, fmt.Errorf("index fact base: %w", err)
	}
	return &Index{base: b, ix: ix}, nil
}

// Documents turns the myths into matcher documents.
func Documents(b *Base) []match.Document {
	docs := make([]match.Document, 0, len(b.Myths))
	for _, m := range b.Myths {
		docs = append(docs, document(m, nil))
	}
	return docs
}

// document builds a myth's matcher document, leaving out one phrasing when skip is set.
func document(m *Myth, skip *phrasingRef) match.Document {
	d := match.Document{ID: m.ID}
	for _, l := range m.Langs() {
		t := m.Texts[l]
		d.Texts = append(d.Texts,
			match.Text{Kind: match.KindTitle, Lang: l, Text: t.Title},
			match.Text{Kind: match.KindClaim, Lang: l, Text: t.Claim})
		for i, p := range t.Phrasings {
			if skip != nil && skip.lang == l && skip.i == i {
				continue
			}
			d.Texts = append(d.Texts, match.Text{Kind: match.KindPhrasing, Lang: l, Text: p})
		}
	}
	return d
}

// Base returns the base the index was built from.
func (x *Index) Base() *Base { return x.base }

// Match returns up to k candidates for text, best first. lang is a language hint or "". The
// search is in memory and does not block, so ctx is not read; it is there for bot.Matcher, whose
// other implementations ask the network.
func (x *Index) Match(_ context.Context, text, lang string, k int) []Candidate {
	var out []Candidate
	for _, r := range x.ix.Search(text, lang, k) {
		if m := x.base.Myth(r.ID); m != nil {
			out = append(out, Candidate{Myth: m, Confidence: r.Confidence})
		}
	}
	return out
}

// Terms analyses a text as the matcher compares texts (see match.Index.Terms): the bot compares
// a paraphrase's sentences with the myth it answers to tell a rebuttal from a restated myth.
func (x *Index) Terms(text, lang string) match.Terms { return x.ix.Terms(text, lang) }
