package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/letterbox-mail/letterbox/filter"
)

// tracer answers the script's questions about its environment and, for
// -trace, logs them in order together with the engine's trace events: each
// if/elsif test with its outcome and each command run. Its vacation
// history is empty: every sender is new, as in the conformance cases.
type tracer struct {
	mailboxes []string
	lines     []string
}

// event implements filter.Input.Trace.
func (t *tracer) event(e filter.TraceEvent) {
	switch e.Kind {
	case filter.TraceTest:
		verdict := "no match"
		if e.Matched {
			verdict = "matched"
		}
		t.lines = append(t.lines, fmt.Sprintf("%s  %-8s  %s", e.Pos, verdict, e.Text))
	case filter.TraceCommand:
		t.lines = append(t.lines, fmt.Sprintf("%s  %-8s  %s", e.Pos, "run", e.Text))
	}
}

func (t *tracer) mailboxExists(name string) bool {
	ok := slices.Contains(t.mailboxes, name)
	t.lines = append(t.lines, fmt.Sprintf("? mailboxexists %q: %v", name, ok))
	return ok
}

// Replied implements filter.VacationStore.
func (t *tracer) Replied(_ context.Context, sender, handle string, _ time.Time) (bool, error) {
	t.lines = append(t.lines, fmt.Sprintf("? vacation history for %q (handle %q): no earlier reply", sender, handle))
	return false, nil
}

// Claim implements filter.VacationStore; sievetest never sends.
func (t *tracer) Claim(context.Context, string, string, time.Time, time.Time) (bool, error) {
	return true, nil
}

// Release implements filter.VacationStore.
func (t *tracer) Release(context.Context, string, string) error { return nil }
