// Command factline answers anti-immigrant misinformation with short, sourced rebuttals from a
// curated fact base: on the command line, and as a Telegram bot, a Discord bot and a web page.
//
// main parses commands and flags, reads the configuration, and copies its values into the
// constructors of the components. Nothing else happens here.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// env is what a command may touch of the process, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// A command returns nil on success, or an error that run prints. Its exit status is 1, or the one
// an exitError carries (2 for a usage mistake).
type command struct {
	name    string
	summary string
	run     func(e env, args []string) error
}

func commands() []command {
	return []command{
		{"ask", "answer a question or a pasted claim", cmdAsk},
		{"myths", "list the myths the fact base answers", cmdMyths},
		{"lint", "check a fact base for errors and warnings", cmdLint},
		{"eval", "measure the matcher on a labelled set of questions", cmdEval},
		{"export", "export the fact base (claimreview: schema.org ClaimReview JSON-LD)", cmdExport},
		{"serve", "run the configured chat surfaces and web page until stopped", cmdServe},
		{"report", "show organizers what people ask and what went unanswered (--since 30d --format text|json|csv)", cmdReport},
		{"claims", "manage the imported professional fact-checks (import, list, stats, remove)", cmdClaims},
		{"forget", "delete a chat's stored settings (--chat telegram:-100123)", cmdForget},
		{"purge", "delete stored events older than the retention (30d by default)", cmdPurge},
		{"healthcheck", "exit 0 if the local server answers /healthz (for container health checks)", cmdHealthcheck},
	}
}

// run runs the command args name and returns the process's exit status. It is the one place a
// command's error is printed, as "factline: <command>: <error>".
func run(args []string, e env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exit(e.stderr, c.name, c.run(e, args[1:]))
		}
	}
	fmt.Fprintf(e.stderr, "factline: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

// exit prints a command's error and returns its exit status: 0 without an error or after
// --help, the status an exitError carries, 1 for any other error.
func exit(stderr io.Writer, op string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
	}
	fmt.Fprintf(stderr, "factline: %s: %v\n", op, err)
	return code
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "factline answers anti-immigrant misinformation with short, sourced rebuttals.")
	fmt.Fprintln(w, "\nUsage: factline <command> [flags] [arguments]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'factline <command> --help' for a command's flags.")
	fmt.Fprintln(w, `Example: factline ask "Immigrants are causing the housing crisis"`)
}
