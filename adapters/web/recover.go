package web

import (
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"runtime/debug"
)

// internalMessage is what a client is told when something failed on our side.
const internalMessage = "something failed on our side; try again"

// errorForm writes a 500 in the form a route's clients read: a page, or the API's JSON error.
type errorForm func(w http.ResponseWriter, r *http.Request)

func (s *Server) pageError(w http.ResponseWriter, r *http.Request) {
	l := uiFor(r, "")
	s.message(w, l, http.StatusInternalServerError, l.Problem, internalMessage)
}

func apiInternalError(w http.ResponseWriter, _ *http.Request) {
	writeAPIError(w, http.StatusInternalServerError, "internal", internalMessage)
}

// recovered serves h, and turns a panic in it into a 500 in the route's form, logged at error
// level with the route and the stack. One bad request then fails alone: net/http would otherwise
// cut the connection with no answer. The log never holds the panic's message unless it is the
// runtime's own (an index out of range, a nil pointer): a message of ours may quote what the
// client sent, and the stack holds only code positions and argument words.
func (s *Server) recovered(route string, form errorForm, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // a deliberate abort: net/http ends the connection without a log
			}
			s.log.Error("handler panicked", "route", route, "panic", panicSummary(v), "stack", string(debug.Stack()))
			if sw, ok := w.(*statusWriter); ok && sw.wrote {
				// Part of the response is out: end the connection so the client sees it cut,
				// not a whole answer.
				panic(http.ErrAbortHandler)
			}
			form(w, r)
		}()
		h.ServeHTTP(w, r)
	})
}

// panicSummary describes a panic's value without its text, except for the runtime's errors.
func panicSummary(v any) string {
	var re runtime.Error
	if err, ok := v.(error); ok && errors.As(err, &re) {
		return re.Error()
	}
	return fmt.Sprintf("a %T", v)
}
