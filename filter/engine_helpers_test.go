package filter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

const testMessage = "From: Alice <alice@example.org>\r\n" +
	"To: Tim <tim@shisaa.jp>\r\n" +
	"Subject: Hello there\r\n" +
	"Message-ID: <m1@example.org>\r\n" +
	"Date: Mon, 29 Jan 2024 11:00:00 +0100\r\n" +
	"\r\n" +
	"Body text.\r\n"

var testEnvelope = filter.Envelope{From: "alice@example.org", To: "tim@shisaa.jp"}

// fixedNow is the clock of every test run.
var fixedNow = time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)

// compile compiles src as "test.sieve" and fails the test on error.
func compile(t *testing.T, src string, opts filter.CompileOptions) *filter.Script {
	t.Helper()
	s, err := filter.Compile("test.sieve", []byte(src), opts)
	require.NoError(t, err)
	return s
}

// runMsg compiles src and runs it on msg with testEnvelope.
func runMsg(t *testing.T, src, msg string) (filter.Result, error) {
	t.Helper()
	s := compile(t, src, filter.CompileOptions{})
	return s.Run(t.Context(), input(msg, testEnvelope))
}

func input(msg string, env filter.Envelope) filter.Input {
	return filter.Input{
		Envelope: env,
		Message:  strings.NewReader(msg),
		Size:     int64(len(msg)),
		Now:      fixedNow,
	}
}

// compileErr compiles src and returns the *ScriptError it must fail with.
func compileErr(t *testing.T, src string, opts filter.CompileOptions) *filter.ScriptError {
	t.Helper()
	_, err := filter.Compile("test.sieve", []byte(src), opts)
	require.Error(t, err)
	var se *filter.ScriptError
	require.ErrorAs(t, err, &se)
	require.ErrorIs(t, err, filter.ErrCompile)
	return se
}

// keepOnly is the result of a failed run.
var keepOnly = filter.Result{Actions: []filter.Action{filter.Store{Mailbox: "INBOX", Keep: true}}, ImplicitKeep: true}

// stores returns the mailboxes stored into, in order.
func stores(res filter.Result) []string {
	var out []string
	for _, a := range res.Actions {
		if s, ok := a.(filter.Store); ok {
			out = append(out, s.Mailbox)
		}
	}
	return out
}

// vacations returns the Vacation actions of res.
func vacations(res filter.Result) []filter.Vacation {
	var out []filter.Vacation
	for _, a := range res.Actions {
		if v, ok := a.(filter.Vacation); ok {
			out = append(out, v)
		}
	}
	return out
}
