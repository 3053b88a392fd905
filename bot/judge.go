package bot

import (
	"context"
	"strings"
	"unicode"
)

// FidelityRequest is what a FidelityJudge is shown: the curated answer and the paraphrase made
// from it, with their languages. Never the question, nor who asked or where.
type FidelityRequest struct {
	MythID string
	// SourceLang is the language of Curated; Lang the language of Paraphrase.
	SourceLang string
	Lang       string
	// Curated is the reviewed short and full answers; Paraphrase the model's, in the same order.
	Curated    string
	Paraphrase string
}

// FidelityJudge asks a second model whether a paraphrase says what the curated answer says,
// without reversing, adding to or softening it. It is optional (adapters/openai implements it)
// and asked only about paraphrases that passed every guard.
//
// It returns the model's reply as written: the bot, not the judge, decides what the reply means,
// and only a clear "yes" lets the paraphrase through (see clearYes). An error, a timeout among
// them, refuses the paraphrase; an error may implement FallbackReason() string like a
// Paraphraser's.
type FidelityJudge interface {
	JudgeFidelity(ctx context.Context, req FidelityRequest) (string, error)
}

// The fallback reasons of the judge.
const (
	reasonJudgeNo      = "judge_no"
	reasonJudgeUnclear = "judge_unclear"
)

// judgeError is a paraphrase the judge did not approve.
type judgeError struct{ reason, reply string }

func (e *judgeError) Error() string { return "fidelity judge: " + e.reason + ": " + e.reply }

// FallbackReason names the refusal in the fallback metric.
func (e *judgeError) FallbackReason() string { return e.reason }

// judgeFailed wraps an error of the judge's call, so the fallback metric tells a judge that
// timed out ("judge_timeout") from a paraphraser that did.
type judgeFailed struct{ err error }

func (e *judgeFailed) Error() string { return "fidelity judge: " + e.err.Error() }
func (e *judgeFailed) Unwrap() error { return e.err }

// FallbackReason is the underlying failure's reason, prefixed with "judge_".
func (e *judgeFailed) FallbackReason() string { return "judge_" + fallbackReason(e.err) }

// judge asks b's FidelityJudge, if any, about p. It returns nil only for a clear yes.
func (b *Bot) judge(ctx context.Context, m string, p Paraphrase, body *Body, lang string) error {
	if b.fidelity == nil {
		return nil
	}
	reply, err := b.fidelity.JudgeFidelity(ctx, FidelityRequest{
		MythID: m, SourceLang: body.Lang, Lang: lang,
		Curated: body.Short + "\n\n" + body.Full, Paraphrase: p.Short + "\n\n" + p.Full,
	})
	switch {
	case err != nil:
		return &judgeFailed{err}
	case clearYes(reply):
		return nil
	case clearNo(reply):
		return &judgeError{reasonJudgeNo, truncate(reply, 40)}
	}
	return &judgeError{reasonJudgeUnclear, truncate(reply, 40)}
}

// clearYes reports whether a judge's reply is "yes" and nothing else, give or take case, spaces,
// quotes and a full stop. "Yes, but...", "Mostly yes" and "yes/no" are not clear.
func clearYes(reply string) bool { return bareWord(reply) == "yes" }

func clearNo(reply string) bool { return bareWord(reply) == "no" }

func bareWord(reply string) string {
	return strings.ToLower(strings.TrimFunc(reply, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`."'“”*!`+"`", r)
	}))
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
