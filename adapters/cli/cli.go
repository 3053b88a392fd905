// Package cli is the command line's surface: it renders the bot's answers and the curator's
// report for a terminal and for pasting elsewhere (plain text, Markdown, CSV). It renders from
// bot's types only; cmd/factline parses the commands and calls it.
package cli

import "io"

// errWriter remembers the first write error, so a renderer can write line after line and
// return that error once at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
