package main

import (
	"errors"
	"log/slog"

	"factline/adapters/openai"
	"factline/adapters/vectorfile"
	"factline/bot"
	"factline/config"
)

// llm is the optional language model: a Paraphraser under a policy, a judge of its paraphrases,
// and semantic matching.
type llm struct {
	para   bot.Paraphraser
	policy bot.ParaphrasePolicy
	// judge is nil unless FACTLINE_LLM_JUDGE is set.
	judge bot.FidelityJudge
	// semantic is nil unless FACTLINE_EMBEDDINGS_MODEL is set.
	semantic *bot.Semantic
}

// newLLM copies the llm settings into the openai adapter. Nothing is enabled unless configured:
// FACTLINE_LLM_MODE for paraphrases, FACTLINE_LLM_JUDGE to have them judged, FACTLINE_EMBEDDINGS_MODEL for semantic matching (only when
// semantic is set: a one-shot command would embed the whole fact base for one question).
func newLLM(cfg config.Config, semantic bool, log *slog.Logger) (llm, error) {
	l := llm{policy: bot.ParaphrasePolicy{Mode: bot.LLMMode(cfg.LLM.Mode), SendQuestion: cfg.LLM.SendQuestion}}
	semantic = semantic && cfg.LLM.EmbeddingsModel != ""
	if semantic && cfg.LLM.BaseURL == "" {
		return l, errors.New("FACTLINE_EMBEDDINGS_MODEL needs OPENAI_BASE_URL, the server that computes the embeddings")
	}
	if semantic && !cfg.LLM.SendQuestion {
		return l, errors.New("FACTLINE_EMBEDDINGS_MODEL sends every question to the embeddings server, " +
			"which FACTLINE_LLM_SEND_QUESTION=false forbids: unset one of them")
	}
	if cfg.LLM.BaseURL == "" || cfg.LLM.Mode == "off" && !semantic {
		return l, nil
	}
	client := openai.New(openai.Options{
		BaseURL:         cfg.LLM.BaseURL,
		APIKey:          cfg.LLM.APIKey,
		Model:           cfg.LLM.Model,
		EmbeddingsModel: cfg.LLM.EmbeddingsModel,
		Timeout:         cfg.LLM.Timeout.D(),
		MaxTokens:       cfg.LLM.MaxTokens,
		Logger:          log.With("component", "openai"),
	})
	if cfg.LLM.Mode != "off" {
		l.para = client
		if cfg.LLM.Judge {
			l.judge = client
		}
	}
	if semantic {
		opts := bot.SemanticOptions{Embedder: client, Logger: log.With("component", "embeddings")}
		if cfg.Store.DataDir != "" {
			opts.Cache = vectorfile.New(cfg.Store.DataDir, cfg.LLM.EmbeddingsModel)
		}
		l.semantic = bot.NewSemantic(opts)
	}
	return l, nil
}

// wrap adds the semantic signal to a matcher when it is enabled.
func (l llm) wrap(m bot.Matcher) bot.Matcher {
	if l.semantic == nil {
		return m
	}
	return l.semantic.Wrap(m)
}
