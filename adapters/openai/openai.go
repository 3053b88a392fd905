// Package openai connects factline to any server that speaks the OpenAI API (the hosted API,
// Ollama, llama.cpp's server, vLLM) with github.com/sashabaranov/go-openai. It implements
// bot.Paraphraser, which rephrases and translates curated answers, and a semantic matcher that
// fuses embeddings with the lexical ranking.
//
// It sends only curated text, the wanted language and, when allowed, the question: never who
// asked or where. What comes back is checked by the bot's guards, never trusted.
package openai

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"
)

// Options configure a Client. BaseURL and a model are required.
type Options struct {
	// BaseURL is the API root, e.g. http://localhost:11434/v1 for Ollama.
	BaseURL string
	// APIKey is sent as a bearer token; local servers usually need none.
	APIKey string
	// Model is the chat model used by Paraphrase.
	Model string
	// EmbeddingsModel is the model used by Embed.
	EmbeddingsModel string
	// Timeout bounds each call to the server; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxTokens bounds each reply; 0 means DefaultMaxTokens.
	MaxTokens int
	// HTTPClient replaces http.DefaultClient's settings, e.g. for a proxy. Its transport is
	// wrapped so that no reply is read past MaxReplyBytes.
	HTTPClient *http.Client
	Logger     *slog.Logger
}

// DefaultTimeout is how long a call may take: a local model answering a short rebuttal takes a
// few seconds, and an asker in a chat should not wait longer for what the curated text gives at once.
const DefaultTimeout = 8 * time.Second

// DefaultMaxTokens fits a short and a full answer in a Latin-script language. Scripts such as
// Gurmukhi or Arabic take several times more tokens: raise it for them.
const DefaultMaxTokens = 700

// Temperature is sent with every chat request. go-openai leaves a zero temperature out of the
// request (omitempty), and servers then use their default (1.0 for the OpenAI API, 0.8 for
// Ollama), which invites invention. A small positive value keeps the model close to the curated
// text while still being sent.
const Temperature = 0.2

// api is the part of go-openai the adapter uses.
type api interface {
	CreateChatCompletion(ctx context.Context, req goopenai.ChatCompletionRequest) (goopenai.ChatCompletionResponse, error)
	CreateEmbeddings(ctx context.Context, req goopenai.EmbeddingRequestConverter) (goopenai.EmbeddingResponse, error)
}

// Client talks to one OpenAI-compatible server. It is safe for concurrent use.
type Client struct {
	api       api
	model     string
	embModel  string
	timeout   time.Duration
	maxTokens int
	log       *slog.Logger
}

// New returns a Client; it does no I/O.
func New(opts Options) *Client {
	cfg := goopenai.DefaultConfig(opts.APIKey)
	cfg.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	// Every reply is capped at MaxReplyBytes, also through a caller's own client.
	cfg.HTTPClient = limitedClient(opts.HTTPClient, MaxReplyBytes)
	c := &Client{
		api:       goopenai.NewClientWithConfig(cfg),
		model:     opts.Model,
		embModel:  opts.EmbeddingsModel,
		timeout:   opts.Timeout,
		maxTokens: opts.MaxTokens,
		log:       opts.Logger,
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.maxTokens <= 0 {
		c.maxTokens = DefaultMaxTokens
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	return c
}
