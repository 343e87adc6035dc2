package filtertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/letterbox-mail/letterbox/filter"
)

// Options configures one run. The zero Options runs with Pigeonhole's
// defaults, only INBOX existing, no vacation history and the current time.
type Options struct {
	// Mailboxes lists the mailboxes that exist (mailboxexists); nil means
	// only INBOX.
	Mailboxes []string
	// Compile is passed to filter.Compile.
	Compile filter.CompileOptions
	// Now is the time the script sees (currentdate, vacation); zero means
	// time.Now().
	Now time.Time
	// Vacation is the reply history; nil means none.
	Vacation filter.VacationStore
}

// Result is the outcome of a run: the filter result and the run-time
// error, if the script failed while running (the Result is then the
// implicit keep only, as in delivery).
type Result struct {
	filter.Result
	Err error // the run-time error, nil when the script ran to its end
}

// Lines returns the actions as Describe renders them.
func (r Result) Lines() []string { return Describe(r.Result) }

// Evaluate compiles the script file, reads the message file and runs the
// script with env. A compile error is returned as a *filter.ScriptError; a
// run-time error is in Result.Err with the implicit keep as the result.
func Evaluate(ctx context.Context, script, message string, env filter.Envelope, opts Options) (Result, error) {
	src, err := os.ReadFile(script)
	if err != nil {
		return Result{}, fmt.Errorf("filtertest: %w", err)
	}
	msg, err := os.ReadFile(message)
	if err != nil {
		return Result{}, fmt.Errorf("filtertest: %w", err)
	}
	s, err := filter.Compile(script, src, opts.Compile)
	if err != nil {
		return Result{}, err
	}
	res, err := s.Run(ctx, filter.Input{
		Envelope:  env,
		Message:   bytes.NewReader(msg),
		Size:      int64(len(msg)),
		Mailboxes: mailboxes(opts.Mailboxes),
		Vacation:  opts.Vacation,
		Now:       opts.Now,
	})
	if err != nil && !errors.Is(err, filter.ErrRuntime) {
		return Result{}, err
	}
	return Result{Result: res, Err: err}, nil
}

func mailboxes(names []string) func(string) bool {
	if names == nil {
		return nil
	}
	return func(name string) bool { return slices.Contains(names, name) }
}

// Run is Evaluate for tests: it stops the test (tb.Fatal) when a file
// cannot be read or the script does not compile.
func Run(tb testing.TB, script, message string, env filter.Envelope, opts Options) Result {
	tb.Helper()
	r, err := Evaluate(tb.Context(), script, message, env, opts)
	if err != nil {
		tb.Fatalf("filtertest: %s with %s: %v", script, message, err)
	}
	return r
}

// Expect checks that the actions are exactly want, in order, each written
// as Describe writes it; on a mismatch it reports a line diff through
// tb.Errorf. It returns whether they matched.
func (r Result) Expect(tb testing.TB, want ...string) bool {
	tb.Helper()
	got := r.Lines()
	if want == nil {
		want = []string{}
	}
	return assert.Equal(tb, strings.Join(want, "\n")+"\n", strings.Join(got, "\n")+"\n", "filter actions (expected first)")
}

// CompileError checks that the script file fails to compile and returns
// the error; it stops the test when the script compiles or cannot be read.
func CompileError(tb testing.TB, script string, opts filter.CompileOptions) *filter.ScriptError {
	tb.Helper()
	src, err := os.ReadFile(script)
	if err != nil {
		tb.Fatalf("filtertest: %v", err)
	}
	_, err = filter.Compile(script, src, opts)
	var se *filter.ScriptError
	if !errors.As(err, &se) {
		tb.Fatalf("filtertest: %s compiled, want a compile error", script)
	}
	return se
}
