package bot

import "errors"

// Code classifies an error so each surface can map it to its own form (HTTP status, chat message).
type Code string

const (
	// CodeInvalid: the request cannot be answered as given (empty, too long, unknown myth).
	CodeInvalid Code = "invalid"
	// CodeNotFound: the myth or language asked for does not exist.
	CodeNotFound Code = "not_found"
	// CodeRateLimited: the user or chat asked too often; retry later.
	CodeRateLimited Code = "rate_limited"
	// CodeInternal: something failed on our side.
	CodeInternal Code = "internal"
)

// Error is an error with a Code and a message safe to show the asker.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// ErrorCode returns the Code of err, CodeInternal for errors not made by this package.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

func errorf(code Code, msg string) error { return &Error{Code: code, Message: msg} }
