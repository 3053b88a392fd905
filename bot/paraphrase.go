package bot

import (
	"context"

	"factline/facts"
)

// ParaphraseRequest is everything that may be sent to a language model: curated text, languages,
// and (when allowed) the question. It never carries who asked or where.
type ParaphraseRequest struct {
	MythID string
	// ContentHash changes whenever the myth's files change; caches key on it.
	ContentHash string
	// Lang is the language wanted; SourceLang the language of Short and Full.
	Lang       string
	SourceLang string
	Short      string
	Full       string
	// Question is the asker's text, or "" when it must not be sent.
	Question string
}

// Paraphrase is a model's version of a curated answer.
type Paraphrase struct {
	Short string
	Full  string
}

// Paraphraser rephrases or translates curated answers. It is optional; adapters/openai implements it.
type Paraphraser interface {
	Paraphrase(ctx context.Context, req ParaphraseRequest) (Paraphrase, error)
}

// rephrase lets the Paraphraser, if any, adapt the curated answer to lang.
func (b *Bot) rephrase(ctx context.Context, req Request, m *facts.Myth, lang string, ans *Answer) {
	if b.para == nil || ans.Body == nil {
		return
	}
	// The guarded implementation is the LLM issue's; until then curated text is used unchanged.
	_ = ctx
	_ = req
	_ = m
	_ = lang
}
