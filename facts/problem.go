package facts

import (
	"fmt"
	"strings"
)

// Severity says whether a problem makes the base unusable (Error) or only deserves attention (Warning).
type Severity int

const (
	// Error problems make Load fail.
	Error Severity = iota
	// Warning problems are reported by Lint but do not stop the base from loading.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one finding about a fact base, located in a file so an organizer can fix it.
type Problem struct {
	// File is the path inside the base, e.g. "myths/housing/en.md".
	File     string
	Line     int
	Severity Severity
	// Message says what is wrong and how to fix it.
	Message string
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s: %s: %s", loc, p.Severity, p.Message)
}

// ValidationError is returned by Load when the base has errors; it lists every one of them.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "fact base has %d error(s):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects findings while a base is read.
type problems []Problem

func (ps *problems) errorf(file string, line int, format string, args ...any) {
	*ps = append(*ps, Problem{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) warnf(file string, line int, format string, args ...any) {
	*ps = append(*ps, Problem{File: file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// errors returns only the Error problems.
func (ps problems) errors() []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}
