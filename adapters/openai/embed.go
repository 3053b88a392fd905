package openai

import (
	"context"
	"errors"
	"fmt"

	goopenai "github.com/sashabaranov/go-openai"
)

// embedBatch is how many texts go in one embeddings request: small enough for local servers'
// request limits, large enough that a fact base embeds in a dozen calls.
const embedBatch = 64

// Embed returns one vector per text from the embeddings model, in order.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += embedBatch {
		batch := texts[start:min(start+embedBatch, len(texts))]
		vecs, err := c.embed(ctx, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (c *Client) embed(ctx context.Context, texts []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resp, err := c.api.CreateEmbeddings(ctx, goopenai.EmbeddingRequest{Input: texts, Model: goopenai.EmbeddingModel(c.embModel)})
	if err != nil {
		return nil, classify("embeddings", err)
	}
	if len(resp.Data) != len(texts) {
		return nil, &Error{Reason: "bad_response", Err: fmt.Errorf("embeddings: %d vectors for %d texts", len(resp.Data), len(texts))}
	}
	out := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) || out[d.Index] != nil || len(d.Embedding) == 0 {
			return nil, &Error{Reason: "bad_response", Err: errors.New("embeddings: bad or repeated index")}
		}
		out[d.Index] = d.Embedding
	}
	return out, nil
}
