package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"factline/bot"
)

// judgePrompt asks for one word. The bot accepts only a clear "yes"; anything else, an
// explanation included, refuses the paraphrase, so the prompt insists on the single word.
const judgePrompt = `You check translations and rewrites of reviewed fact-check answers about immigration.
You are given the reviewed answer and a rewrite of it, possibly in another language.
Answer "yes" only if the rewrite says the same thing as the reviewed answer: the same conclusion, no claim reversed or softened, no fact, number, name, place, source or link added, no insult or slur.
Otherwise answer "no". Reply with exactly one word: yes or no.`

// judgeMaxTokens leaves room for "yes" or "no" and little else: a longer reply is refused anyway.
const judgeMaxTokens = 5

// judgeInput is the user message: only the two texts and their languages.
type judgeInput struct {
	ReviewedLanguage string `json:"reviewed_language"`
	RewriteLanguage  string `json:"rewrite_language"`
	Reviewed         string `json:"reviewed"`
	Rewrite          string `json:"rewrite"`
}

// JudgeFidelity asks the model whether req's paraphrase is faithful to the curated answer and
// returns its reply as written. It implements bot.FidelityJudge; the bot reads the reply.
func (c *Client) JudgeFidelity(ctx context.Context, req bot.FidelityRequest) (string, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	user, err := json.Marshal(judgeInput{
		ReviewedLanguage: languageName(req.SourceLang),
		RewriteLanguage:  languageName(req.Lang),
		Reviewed:         req.Curated,
		Rewrite:          req.Paraphrase,
	})
	if err != nil {
		return "", fmt.Errorf("judge: %w", err)
	}
	resp, err := c.api.CreateChatCompletion(ctx, goopenai.ChatCompletionRequest{
		Model: c.model,
		Messages: []goopenai.ChatCompletionMessage{
			{Role: goopenai.ChatMessageRoleSystem, Content: judgePrompt},
			{Role: goopenai.ChatMessageRoleUser, Content: string(user)},
		},
		Temperature: Temperature,
		MaxTokens:   judgeMaxTokens,
	})
	c.log.DebugContext(ctx, "fidelity judge", "model", c.model, "lang", req.Lang, "elapsed", time.Since(start), "err", err)
	if err != nil {
		return "", classify("judge", err)
	}
	if len(resp.Choices) == 0 {
		return "", &Error{Reason: "bad_response", Err: errors.New("judge: no choices")}
	}
	return resp.Choices[0].Message.Content, nil
}
