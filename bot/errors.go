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
	// CodeTooLarge: the picture is larger than the server reads (bytes or pixels).
	CodeTooLarge Code = "too_large"
	// CodeUnsupported: the picture is in a format the server does not read (PNG, JPEG, WebP and
	// GIF are read).
	CodeUnsupported Code = "unsupported"
	// CodeNoText: the picture holds no text that can be checked.
	CodeNoText Code = "no_text"
	// CodeUnavailable: the server cannot do this now or is not set up for it (reading pictures
	// without Tesseract).
	CodeUnavailable Code = "unavailable"
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
