package bot

import (
	"context"
	"time"
)

// Archive is what the curator's commands (report, purge, forget) need from a store, beyond what
// answering needs. Both store adapters implement it.
type Archive interface {
	// Tally returns what was stored on or after since.
	Tally(ctx context.Context, since time.Time) (Tally, error)
	// Purge deletes the events and questions of days before before; chat settings stay.
	Purge(ctx context.Context, before time.Time) (Purged, error)
	// ForgetChat deletes the settings stored under key (a ChatKey) and reports whether there were any.
	ForgetChat(ctx context.Context, key string) (bool, error)
}

// Tally is the raw material of the curator's report.
type Tally struct {
	Answers  []AnswerCount
	Feedback []FeedbackCount
	// Reasons are the scrubbed reasons given with feedback, newest first, at most MaxReasons.
	Reasons []FeedbackEvent
	// Unanswered are the scrubbed unanswered questions, newest first, at most MaxUnanswered.
	Unanswered []UnansweredQuestion
}

// Caps on what Tally returns, so a report stays readable and bounded on a busy install.
const (
	MaxReasons    = 500
	MaxUnanswered = 5000
)

// AnswerCount is how many answers shared a myth, outcome, surface and language.
type AnswerCount struct {
	MythID  string
	Outcome Outcome
	Surface Surface
	Lang    string
	Count   int
}

// FeedbackCount is how many feedbacks on a myth said it helped, or did not.
type FeedbackCount struct {
	MythID  string
	Helpful bool
	Count   int
}

// Purged counts what a purge deleted.
type Purged struct {
	Answers, Feedback, Unanswered int64
}

// Total is the number of rows deleted.
func (p Purged) Total() int64 { return p.Answers + p.Feedback + p.Unanswered }
