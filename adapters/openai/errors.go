package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	goopenai "github.com/sashabaranov/go-openai"
)

// Error is a failed call, with the short reason the bot records in its fallback metric.
type Error struct {
	// Reason is "rate_limited", "server_error", "unauthorized", "rejected", "truncated",
	// "bad_response", "too_large" or "unreachable".
	Reason string
	Err    error
}

func (e *Error) Error() string { return fmt.Sprintf("openai %s: %v", e.Reason, e.Err) }

// Unwrap returns the underlying error, so errors.Is finds a context deadline.
func (e *Error) Unwrap() error { return e.Err }

// FallbackReason names the failure for bot.Observer.ObserveFallback.
func (e *Error) FallbackReason() string { return e.Reason }

// classify wraps an error from go-openai with its reason. Context errors pass through, so the
// bot reports a timeout as one.
func classify(op string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s: %w", op, err)
	}
	if isTooLarge(err) {
		return &Error{Reason: "too_large", Err: fmt.Errorf("%s: %w", op, err)}
	}
	status := 0
	var apiErr *goopenai.APIError
	var reqErr *goopenai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	reason := "unreachable"
	switch {
	case status == http.StatusTooManyRequests:
		reason = "rate_limited"
	case status >= 500:
		reason = "server_error"
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		reason = "unauthorized"
	case status >= 400:
		reason = "rejected"
	}
	return &Error{Reason: reason, Err: fmt.Errorf("%s: %w", op, err)}
}
